package org.handover.apiauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The API's dates, written digit by digit, read exactly as the formatter wrote them. */
class ApiResponsesTest {

  private static final DateTimeFormatter FORMATTER =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  @Test
  void datesAreWrittenAsTheFormatterWritesThemInEveryYear() {
    SplittableRandom random = new SplittableRandom(31);
    long from = Instant.parse("-0400-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant at = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
      assertThat(ApiResponses.datetime(at)).isEqualTo(FORMATTER.format(at));
    }
    List<String> edges =
        List.of(
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "2024-02-29T12:34:56.5Z",
            "2026-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z",
            "9999-12-31T23:59:59.999Z",
            "+10000-01-01T00:00:00Z");
    for (String edge : edges) {
      Instant at = Instant.parse(edge);
      assertThat(ApiResponses.datetime(at)).as(edge).isEqualTo(FORMATTER.format(at));
    }
    assertThat(ApiResponses.datetime(Instant.parse("2026-01-05T09:00:00Z")))
        .isEqualTo("2026-01-05T09:00:00+00:00");
    assertThat(ApiResponses.datetime(null)).isNull();
  }
}
