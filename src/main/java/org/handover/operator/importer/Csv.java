package org.handover.operator.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 writes them, one record at a time from a {@link Reader}:
 * values separated by commas, a value in double quotes may hold commas and line breaks, and {@code
 * ""} inside quotes is one quote. Each record knows the line it starts on; a malformed record
 * carries a problem instead of failing the whole file. A value keeps at most {@value #MAX_VALUE}
 * characters (one more than any field allows, so the field is still reported too long): an unclosed
 * quote cannot make one value hold the rest of the file. A record keeps at most {@value
 * #MAX_VALUES} values and counts the rest ({@link Record#width}): a line of millions of commas
 * holds no more memory than a short one.
 *
 * <p>Why not Commons CSV or Jackson's CSV module: the import reports every malformed record on its
 * own line and reads on (an operator fixes a 100,000-line file in one round, not one error per
 * upload). Both libraries end the parse at the first malformed record with an exception thrown from
 * the iterator's {@code hasNext}, after which it cannot move on (Commons CSV: CSV-218, worked
 * around in apache/pinot#11487 by re-reading lines; Jackson: jackson-dataformat-csv#150); and
 * Commons CSV accepts a quote inside an unquoted value silently, where this reader flags it. Making
 * either behave so would take a line splitter in front of it, as much code as this parser. Its
 * behaviour is pinned by {@code RowReaderTest} and the import tests.
 */
final class Csv {

  /** Characters kept of one value. */
  static final int MAX_VALUE = 10_001;

  /** Values kept of one record: many more than any file has columns. */
  static final int MAX_VALUES = 64;

  private static final int END = -1;

  /**
   * One record: its first line (1-based), its first {@value #MAX_VALUES} values, how many values it
   * had, and a message key when malformed.
   */
  record Record(int line, List<String> values, int width, String problem) {}

  private final Reader in;
  private final char[] buffer = new char[8192];
  private int filled;
  private int at;
  private int next;
  private int line = 1;

  Csv(Reader in) throws IOException {
    this.in = in;
    this.next = read();
  }

  /** The next record, or null at the end of the text. */
  Record next() throws IOException {
    while (next != END) {
      int start = line;
      List<String> values = new ArrayList<>();
      int width = 0;
      String problem = null;
      boolean more = true;
      StringBuilder value = new StringBuilder();
      while (more) {
        value.setLength(0);
        String p = value(value);
        if (++width <= MAX_VALUES) {
          values.add(value.toString());
        }
        if (p != null) {
          problem = problem == null ? p : problem;
          if (!p.equals("import.csv.quoteInValue")) {
            skipLine();
            break;
          }
        }
        more = separator();
      }
      if (!(width == 1 && values.get(0).isBlank() && problem == null)) {
        return new Record(start, values, width, problem);
      }
    }
    return null;
  }

  private int take() throws IOException {
    int c = next;
    next = read();
    return c;
  }

  private int read() throws IOException {
    if (at == filled) {
      filled = in.read(buffer);
      at = 0;
      if (filled <= 0) {
        filled = 0;
        return END;
      }
    }
    return buffer[at++];
  }

  private static void append(StringBuilder value, int c) {
    if (value.length() < MAX_VALUE) {
      value.append((char) c);
    }
  }

  /** Reads one value; spaces before an opening quote are dropped, else they belong to the value. */
  private String value(StringBuilder value) throws IOException {
    StringBuilder spaces = new StringBuilder();
    while (next == ' ' || next == '\t') {
      append(spaces, take());
    }
    if (next == '"') {
      take();
      return quoted(value);
    }
    value.append(spaces);
    return plain(value);
  }

  private String quoted(StringBuilder value) throws IOException {
    while (next != END) {
      int c = take();
      if (c == '"') {
        if (next == '"') {
          append(value, take());
          continue;
        }
        while (next == ' ' || next == '\t') {
          take();
        }
        return atEndOfValue() ? null : "import.csv.afterQuote";
      }
      if (c == '\n' || (c == '\r' && next != '\n')) {
        line++;
      }
      append(value, c);
    }
    return "import.csv.unclosedQuote";
  }

  private String plain(StringBuilder value) throws IOException {
    String problem = null;
    while (!atEndOfValue()) {
      int c = take();
      if (c == '"') {
        problem = "import.csv.quoteInValue";
      }
      append(value, c);
    }
    return problem;
  }

  private boolean atEndOfValue() {
    return next == END || next == ',' || next == '\n' || next == '\r';
  }

  /** Consumes a comma (true: another value follows) or a line break (false: end of record). */
  private boolean separator() throws IOException {
    if (next == END) {
      return false;
    }
    if (next == ',') {
      take();
      return true;
    }
    endOfLine();
    return false;
  }

  private void skipLine() throws IOException {
    while (next != END && next != '\n' && next != '\r') {
      take();
    }
    endOfLine();
  }

  private void endOfLine() throws IOException {
    if (next == '\r') {
      take();
    }
    if (next == '\n') {
      take();
    }
    line++;
  }
}
