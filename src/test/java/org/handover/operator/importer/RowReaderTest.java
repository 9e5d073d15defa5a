package org.handover.operator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading CSV and JSON lines import files as streams, without Spring. */
class RowReaderTest {

  private static final List<String> FIELDS = List.of("nic", "email", "organisation");
  private static final Set<String> REQUIRED = Set.of("nic");

  /** Every row and the file's errors. */
  private record Parsed(List<Row> rows, List<RowError> fileErrors) {}

  private static Parsed read(String text) {
    return read("accounts", text.getBytes(StandardCharsets.UTF_8));
  }

  private static Parsed read(String file, byte[] content) {
    try {
      RowReader reader = RowReader.open(file, new ByteArrayInputStream(content), FIELDS, REQUIRED);
      List<Row> rows = new ArrayList<>();
      for (Row row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
      return new Parsed(rows, reader.fileErrors());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readsQuotedCsvValuesWithCommasQuotesAndLineBreaks() {
    Parsed parsed =
        read(
            "nic,organisation,email\r\n"
                + "ab1234-ovh,\"Rossi, Bianchi & \"\"Figli\"\"\",a@b.example\r\n"
                + "\n"
                + "cd5678-ovh,\"two\nlines\",\n"
                + "ef9012-ovh, plain ,c@d.example");

    assertThat(parsed.fileErrors()).isEmpty();
    assertThat(parsed.rows())
        .extracting(Row::line)
        .as("lines count the header and blank lines; a record starts where it starts")
        .containsExactly(2, 4, 6);
    assertThat(parsed.rows().get(0).values())
        .containsEntry("organisation", "Rossi, Bianchi & \"Figli\"")
        .containsEntry("email", "a@b.example");
    assertThat(parsed.rows().get(1).values())
        .containsEntry("organisation", "two\nlines")
        .doesNotContainKey("email");
    assertThat(parsed.rows().get(2).values()).containsEntry("organisation", "plain");
    assertThat(parsed.rows()).allSatisfy(r -> assertThat(r.problems()).isEmpty());
  }

  @Test
  void malformedCsvRecordsAreProblemsOfTheirOwnLine() {
    Parsed parsed =
        read(
            "nic,email\n"
                + "ab1234-ovh,a\"b@c.example\n"
                + "cd5678-ovh,\"x\"y\n"
                + "ef9012-ovh\n"
                + "gh3456-ovh,g@h.example\n"
                + "ij7890-ovh,\"never closed\n");

    assertThat(parsed.rows()).extracting(Row::line).containsExactly(2, 3, 4, 5, 6);
    assertThat(parsed.rows().get(0).problems()).singleElement().asString().contains("quote");
    assertThat(parsed.rows().get(1).problems())
        .singleElement()
        .asString()
        .contains("closing quote");
    assertThat(parsed.rows().get(2).problems())
        .singleElement()
        .asString()
        .isEqualTo("This row has 1 values but the header has 2 columns.");
    assertThat(parsed.rows().get(3).problems()).isEmpty();
    assertThat(parsed.rows().get(4).problems()).anyMatch(p -> p.contains("not closed"));
  }

  @Test
  void csvHeaderProblemsAreReportedOnLineOne() {
    Parsed parsed = read("email,colour,email\nx@y.example,red,z@y.example\n");

    assertThat(parsed.rows()).isEmpty();
    assertThat(parsed.fileErrors())
        .extracting(RowError::line, RowError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, "Unknown column colour; the columns are nic, email, organisation."),
            org.assertj.core.groups.Tuple.tuple(1, "The column email appears twice in the header."),
            org.assertj.core.groups.Tuple.tuple(
                1, "The header has no column nic, which is required."));
  }

  @Test
  void readsJsonLinesWhenTheFirstCharacterIsABrace() {
    Parsed parsed =
        read(
            "\uFEFF{\"nic\":\"ab1234-ovh\",\"organisation\":null}\n"
                + "\n"
                + "{\"nic\":\"cd5678-ovh\",\"email\":12}\n"
                + "{\"nic\":\"ef9012-ovh\",\"colour\":\"red\",\"email\":true}\n"
                + "{\"nic\":\"a\",\"nic\":\"b\"}\n"
                + "[1,2]\n"
                + "{\"nic\": \"x\"} trailing\n");

    assertThat(parsed.fileErrors()).isEmpty();
    assertThat(parsed.rows()).extracting(Row::line).containsExactly(1, 3, 4, 5, 6, 7);
    assertThat(parsed.rows().get(0).values()).isEqualTo(Map.of("nic", "ab1234-ovh"));
    assertThat(parsed.rows().get(0).problems()).isEmpty();
    assertThat(parsed.rows().get(1).values()).containsEntry("email", "12");
    assertThat(parsed.rows().get(2).problems())
        .containsExactly(
            "Unknown field colour; the fields are nic, email, organisation.",
            "The field email must be a string, a number or null.");
    assertThat(parsed.rows().get(3).problems())
        .singleElement()
        .asString()
        .startsWith("This line is not a JSON object")
        .contains("nic");
    assertThat(parsed.rows().get(4).problems())
        .singleElement()
        .asString()
        .startsWith("This line is not a JSON object");
    assertThat(parsed.rows().get(5).problems())
        .singleElement()
        .asString()
        .startsWith("This line is not a JSON object");
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedAsAWhole() {
    Parsed parsed = read("services", new byte[] {'n', 'i', 'c', '\n', (byte) 0xC3});

    assertThat(parsed.fileErrors())
        .containsExactly(new RowError("services", 1, "The file is not UTF-8 text."));
  }

  @Test
  void anEmptyFileHasNoRows() {
    assertThat(read("").rows()).isEmpty();
    assertThat(read("\n\n").fileErrors()).isEmpty();
  }

  @Test
  void aValueKeepsNoMoreThanItNeedsToBeReportedTooLong() {
    Parsed parsed = read("nic,email\nab1234-ovh,\"" + "x\n".repeat(50_000));

    assertThat(parsed.rows()).singleElement();
    assertThat(parsed.rows().get(0).values().get("email")).hasSize(Csv.MAX_VALUE);
    assertThat(parsed.rows().get(0).problems()).anyMatch(p -> p.contains("not closed"));
  }

  @Test
  void aHeaderOfMillionsOfEmptyColumnsIsOneBoundedProblem() {
    Parsed parsed = read("nic,email,organisation" + ",".repeat(6_000_000) + "\n");
    assertThat(parsed.fileErrors())
        .as("one problem for the width, one for the (empty) unknown column, not one per column")
        .hasSizeLessThan(5)
        .anySatisfy(e -> assertThat(e.reason()).contains("6000003 columns"));
  }

  @Test
  void aRowOfMillionsOfValuesKeepsABoundedRecordAndSaysHowWideItWas() {
    Parsed parsed =
        read("nic,email,organisation\nab1234-ovh,a@b.example,Org" + ",".repeat(6_000_000));
    assertThat(parsed.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.values()).containsEntry("nic", "ab1234-ovh").hasSize(3);
              assertThat(row.problems())
                  .containsExactly("This row has 6000003 values but the header has 3 columns.");
            });
  }

  @Test
  void aJsonRowOfThousandsOfUnknownFieldsHasAFewProblemsOfBoundedLength() {
    StringBuilder line = new StringBuilder("{\"nic\":\"ab1234-ovh\",\"");
    line.append("g".repeat(40_000)).append("\":1");
    for (int i = 0; i < 3_000; i++) {
      line.append(",\"").append("f".repeat(10)).append(i).append("\":1");
    }
    line.append("}");
    Parsed parsed = read(line.toString());
    Row row = parsed.rows().get(0);
    assertThat(row.problems()).hasSizeLessThanOrEqualTo(20);
    assertThat(String.join("; ", row.problems()).length()).isLessThan(5_000);
  }
}
