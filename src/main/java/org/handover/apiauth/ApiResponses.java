package org.handover.apiauth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Shapes shared by the API controllers. */
public final class ApiResponses {

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private static final char[] DATETIME_SHAPE = "0000-00-00T00:00:00+00:00".toCharArray();
  private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
  private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

  private ApiResponses() {}

  /**
   * A void operation's answer: 200 with the JSON body {@code null} (clients expect exactly 200).
   */
  public static ResponseEntity<String> nothing() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("null");
  }

  /**
   * ISO-8601 with an explicit offset, e.g. {@code 2026-01-05T09:00:00+00:00}; null stays null.
   * Years 0 to 9999 are written digit by digit (a formatter's print context was a seventh of a
   * signed read's time), others by the formatter; both give the same text ({@code
   * ApiResponsesTest}).
   */
  public static String datetime(Instant instant) {
    if (instant == null) {
      return null;
    }
    long seconds = instant.getEpochSecond();
    if (seconds < YEAR_0 || seconds >= YEAR_10000) {
      return DATETIME.format(instant);
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int time = (int) Math.floorMod(seconds, 86_400);
    char[] text = DATETIME_SHAPE.clone();
    digits(text, 0, day.getYear(), 4);
    digits(text, 5, day.getMonthValue(), 2);
    digits(text, 8, day.getDayOfMonth(), 2);
    digits(text, 11, time / 3_600, 2);
    digits(text, 14, time / 60 % 60, 2);
    digits(text, 17, time % 60, 2);
    return new String(text);
  }

  /** {@code value} in {@code width} decimal digits ending before {@code at + width}. */
  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * The {@code before} cursor of a paged list (the id of the last line of the previous page); null
   * for the first page; a clear 400 (the message {@code refusalKey}) when it is not a positive id.
   */
  public static Long before(String before, String refusalKey) {
    if (before == null) {
      return null;
    }
    try {
      long value = Long.parseLong(before.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new ApiErrors.BadRequest(refusalKey);
  }

  /** ISO-8601 date, e.g. {@code 2026-01-05}; null stays null. */
  public static String date(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }
}
