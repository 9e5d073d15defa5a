package org.handover.apiauth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Shapes shared by the API controllers. */
public final class ApiResponses {

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private ApiResponses() {}

  /**
   * A void operation's answer: 200 with the JSON body {@code null} (clients expect exactly 200).
   */
  public static ResponseEntity<String> nothing() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("null");
  }

  /** ISO-8601 with an explicit offset, e.g. {@code 2026-01-05T09:00:00+00:00}; null stays null. */
  public static String datetime(Instant instant) {
    return instant == null ? null : DATETIME.format(instant);
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
