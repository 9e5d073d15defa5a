package org.handover.operator.importer;

import java.nio.ByteBuffer;
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
 * Reads an import file into rows: CSV with a header row, or JSON lines (one object per line) when
 * the first non-blank character is <code>{</code>. Unknown fields are problems; file-wide problems
 * (encoding, header) come back as errors of line 1.
 */
final class RowReader {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RowReader() {}

  /** The rows of a file, or the errors that make the whole file unreadable. */
  record Parsed(List<Row> rows, List<RowError> fileErrors) {
    static Parsed failed(RowError error) {
      return new Parsed(List.of(), List.of(error));
    }
  }

  /**
   * @param file {@code accounts} or {@code services}, for error reports
   * @param fields the known field names
   * @param required the fields a CSV header must name
   */
  static Parsed read(String file, byte[] content, List<String> fields, Set<String> required) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return Parsed.failed(new RowError(file, 1, Messages.english("import.file.encoding")));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String start = text.stripLeading();
    return start.startsWith("{") ? jsonLines(text, fields) : csv(file, text, fields, required);
  }

  private static Parsed jsonLines(String text, List<String> fields) {
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        rows.add(jsonRow(i + 1, lines[i], fields));
      }
    }
    return new Parsed(rows, List.of());
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
      if (!fields.contains(name)) {
        problems.add(Messages.english("import.field.unknown", name, String.join(", ", fields)));
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

  private static Parsed csv(String file, String text, List<String> fields, Set<String> required) {
    List<Csv.Record> records = Csv.parse(text);
    if (records.isEmpty()) {
      return new Parsed(List.of(), List.of());
    }
    Csv.Record header = records.get(0);
    List<RowError> errors = new ArrayList<>();
    if (header.problem() != null) {
      errors.add(new RowError(file, header.line(), Messages.english(header.problem())));
    }
    List<String> columns = header.values().stream().map(String::strip).toList();
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (!fields.contains(column)) {
        errors.add(
            new RowError(
                file,
                header.line(),
                Messages.english("import.csv.column.unknown", column, String.join(", ", fields))));
      } else if (!seen.add(column)) {
        errors.add(
            new RowError(
                file, header.line(), Messages.english("import.csv.column.duplicate", column)));
      }
    }
    for (String column : required) {
      if (!seen.contains(column)) {
        errors.add(
            new RowError(
                file, header.line(), Messages.english("import.csv.column.missing", column)));
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed(List.of(), errors);
    }
    List<Row> rows = new ArrayList<>(records.size());
    for (Csv.Record record : records.subList(1, records.size())) {
      rows.add(csvRow(record, columns));
    }
    return new Parsed(rows, List.of());
  }

  private static Row csvRow(Csv.Record record, List<String> columns) {
    List<String> problems = new ArrayList<>();
    if (record.problem() != null) {
      problems.add(Messages.english(record.problem()));
    }
    if (record.values().size() != columns.size()) {
      problems.add(Messages.english("import.csv.width", record.values().size(), columns.size()));
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
