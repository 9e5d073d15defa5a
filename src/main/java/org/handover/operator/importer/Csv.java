package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 writes them: values separated by commas, a value in
 * double quotes may hold commas and line breaks, and {@code ""} inside quotes is one quote. Each
 * record knows the line it starts on; a malformed record carries a problem instead of failing the
 * whole file.
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

  private Csv() {}

  /** One record: its first line (1-based), its values, and a message key when malformed. */
  record Record(int line, List<String> values, String problem) {}

  static List<Record> parse(String text) {
    return new Parser(text).records();
  }

  private static final class Parser {
    private final String text;
    private int at;
    private int line = 1;

    Parser(String text) {
      this.text = text;
    }

    List<Record> records() {
      List<Record> records = new ArrayList<>();
      while (at < text.length()) {
        int start = line;
        List<String> values = new ArrayList<>();
        String problem = null;
        boolean more = true;
        while (more) {
          StringBuilder value = new StringBuilder();
          String p = quotedAhead() ? quoted(value) : plain(value);
          values.add(value.toString());
          if (p != null) {
            problem = problem == null ? p : problem;
            if (!p.equals("import.csv.quoteInValue")) {
              skipLine();
              break;
            }
          }
          more = separator();
        }
        if (!(values.size() == 1 && values.get(0).isBlank() && problem == null)) {
          records.add(new Record(start, values, problem));
        }
      }
      return records;
    }

    /** Whether the value starts with a quote, possibly after spaces (which are then skipped). */
    private boolean quotedAhead() {
      int i = at;
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '"') {
        at = i + 1;
        return true;
      }
      return false;
    }

    private String quoted(StringBuilder value) {
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '"') {
          if (at < text.length() && text.charAt(at) == '"') {
            value.append('"');
            at++;
            continue;
          }
          while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
          }
          return atEndOfValue() ? null : "import.csv.afterQuote";
        }
        if (c == '\n' || (c == '\r' && !(at < text.length() && text.charAt(at) == '\n'))) {
          line++;
        }
        value.append(c);
      }
      return "import.csv.unclosedQuote";
    }

    private String plain(StringBuilder value) {
      String problem = null;
      while (!atEndOfValue()) {
        char c = text.charAt(at++);
        if (c == '"') {
          problem = "import.csv.quoteInValue";
        }
        value.append(c);
      }
      return problem;
    }

    private boolean atEndOfValue() {
      if (at >= text.length()) {
        return true;
      }
      char c = text.charAt(at);
      return c == ',' || c == '\n' || c == '\r';
    }

    /** Consumes a comma (true: another value follows) or a line break (false: end of record). */
    private boolean separator() {
      if (at >= text.length()) {
        return false;
      }
      if (text.charAt(at) == ',') {
        at++;
        return true;
      }
      endOfLine();
      return false;
    }

    private void skipLine() {
      while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
        at++;
      }
      endOfLine();
    }

    private void endOfLine() {
      if (at < text.length() && text.charAt(at) == '\r') {
        at++;
      }
      if (at < text.length() && text.charAt(at) == '\n') {
        at++;
      }
      line++;
    }
  }
}
