package org.handover.system.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The panel's one way to write a moment: in the reader's language, in UTC and saying so. Pages wrap
 * it in {@code <time datetime>}, which the panel's script rewrites in the reader's own time zone.
 */
public final class Dates {

  Dates() {}

  /** "30 Nov 2026, 14:05 UTC", in the language given. */
  public static String text(Instant instant, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale)
            .withZone(ZoneOffset.UTC)
            .format(instant)
        + " UTC";
  }

  /** For templates: the moment in the current request's language, or empty for none. */
  public String text(Instant instant) {
    return instant == null ? "" : text(instant, LocaleContextHolder.getLocale());
  }

  /** For templates: the machine-readable value of {@code <time datetime>}. */
  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }
}
