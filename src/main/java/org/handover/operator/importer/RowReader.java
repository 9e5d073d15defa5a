package org.handover.operator.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.system.Messages;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an import file row by row from a stream, holding one row at a time: CSV with a header row,
 * or JSON lines (one object per line) when the first non-blank character is <code>{</code>. Unknown
 * fields are problems; file-wide problems (encoding, header) are {@link #fileErrors()} of line 1,
 * after which no further row is read.
 */
final class RowReader {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Characters looked at to tell JSON lines from CSV; characters kept of one JSON line. */
  private static final int LOOKAHEAD = 8192;

  private static final int MAX_LINE = 100_000;

  /** Problems kept of one JSON row (its values are kept only for known fields). */
  private static final int MAX_PROBLEMS = 20;

  private final String file;
  private final List<String> fields;
  private final Reader reader;
  private final List<RowError> fileErrors = new ArrayList<>();
  private Csv csv;
  private List<String> columns;
  private int jsonLine;
  private boolean ended;

  private RowReader(String file, List<String> fields, Reader reader) {
    this.file = file;
    this.fields = fields;
    this.reader = reader;
  }

  /**
   * Opens a file and reads its header.
   *
   * @param file {@code accounts} or {@code services}, for error reports
   * @param fields the known field names
   * @param required the fields a CSV header must name
   */
  static RowReader open(String file, InputStream content, List<String> fields, Set<String> required)
      throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                content,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            LOOKAHEAD * 2);
    RowReader rows = new RowReader(file, fields, reader);
    try {
      if (!rows.jsonAhead(reader)) {
        rows.header(required);
      }
    } catch (CharacterCodingException e) {
      rows.notUtf8();
    }
    return rows;
  }

  /** Problems of the whole file; when there are any, {@link #next()} reads nothing more. */
  List<RowError> fileErrors() {
    return fileErrors;
  }

  /** The next row, or null at the end of the file or after a file error. */
  Row next() throws IOException {
    if (ended || !fileErrors.isEmpty()) {
      return null;
    }
    try {
      Row row = csv == null ? nextJsonRow() : nextCsvRow();
      ended = row == null;
      return row;
    } catch (CharacterCodingException e) {
      notUtf8();
      return null;
    }
  }

  private void notUtf8() {
    fileErrors.add(new RowError(file, 1, Messages.english("import.file.encoding")));
  }

  /** Drops a byte order mark; whether the first non-blank character opens a JSON object. */
  private boolean jsonAhead(BufferedReader in) throws IOException {
    in.mark(LOOKAHEAD);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    in.mark(LOOKAHEAD);
    int c;
    int n = 0;
    do {
      c = in.read();
    } while (c != -1 && Character.isWhitespace(c) && ++n < LOOKAHEAD);
    in.reset();
    return c == '{';
  }

  private Row nextJsonRow() throws IOException {
    StringBuilder text = new StringBuilder();
    while (true) {
      text.setLength(0);
      int c = reader.read();
      if (c == -1) {
        return null;
      }
      jsonLine++;
      while (c != -1 && c != '\n' && c != '\r') {
        if (text.length() < MAX_LINE) {
          text.append((char) c);
        }
        c = reader.read();
      }
      if (c == '\r') {
        reader.mark(1);
        if (reader.read() != '\n') {
          reader.reset();
        }
      }
      if (!text.toString().isBlank()) {
        return jsonRow(jsonLine, text.toString(), fields);
      }
    }
  }

  private static Row jsonRow(int line, String text, List<String> fields) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      String detail = String.valueOf(e.getOriginalMessage());
      detail = detail.length() > 200 ? detail.substring(0, 200) + "…" : detail;
      return new Row(line, values, List.of(Messages.english("import.json.malformed", detail)));
    }
    if (node == null || !node.isObject()) {
      return new Row(
          line, values, List.of(Messages.english("import.json.malformed", "not an object")));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (problems.size() >= MAX_PROBLEMS) {
        break; // a row of thousands of unknown fields is reported by its first few
      } else if (!fields.contains(name)) {
        problems.add(
            Messages.english(
                "import.field.unknown", Fields.shorten(name), String.join(", ", fields)));
      } else if (value.isString() || value.isNumber()) {
        String s = value.asString().strip();
        if (!s.isEmpty()) {
          values.put(name, s);
        }
      } else if (!value.isNull()) {
        problems.add(Messages.english("import.json.value", name));
      }
    }
    return new Row(line, values, problems);
  }

  private void header(Set<String> required) throws IOException {
    csv = new Csv(reader);
    Csv.Record header = csv.next();
    if (header == null) {
      ended = true;
      return;
    }
    if (header.problem() != null) {
      fileErrors.add(new RowError(file, header.line(), Messages.english(header.problem())));
    }
    columns = header.values().stream().map(String::strip).toList();
    if (header.width() > columns.size()) {
      // more columns than a record keeps: certainly not a header of this file, and each of them
      // reported would be a million errors
      fileErrors.add(
          new RowError(
              file,
              header.line(),
              Messages.english("import.csv.column.tooMany", header.width(), fields.size())));
    }
    Set<String> seen = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (String column : columns) {
      if (!fields.contains(column)) {
        if (reported.add(column)) {
          fileErrors.add(
              new RowError(
                  file,
                  header.line(),
                  Messages.english(
                      "import.csv.column.unknown",
                      Fields.shorten(column),
                      String.join(", ", fields))));
        }
      } else if (!seen.add(column)) {
        fileErrors.add(
            new RowError(
                file, header.line(), Messages.english("import.csv.column.duplicate", column)));
      }
    }
    for (String column : required) {
      if (!seen.contains(column)) {
        fileErrors.add(
            new RowError(
                file, header.line(), Messages.english("import.csv.column.missing", column)));
      }
    }
  }

  private Row nextCsvRow() throws IOException {
    Csv.Record record = csv.next();
    return record == null ? null : csvRow(record, columns);
  }

  private static Row csvRow(Csv.Record record, List<String> columns) {
    List<String> problems = new ArrayList<>();
    if (record.problem() != null) {
      problems.add(Messages.english(record.problem()));
    }
    if (record.width() != columns.size()) {
      problems.add(Messages.english("import.csv.width", record.width(), columns.size()));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(columns.size(), record.values().size()); i++) {
      String value = record.values().get(i).strip();
      if (!value.isEmpty()) {
        values.put(columns.get(i), value);
      }
    }
    return new Row(record.line(), values, problems);
  }
}
