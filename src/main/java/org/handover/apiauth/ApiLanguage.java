package org.handover.apiauth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.handover.system.Language;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The language of an API error's {@code message}: the reference API speaks English, so English
 * unless the caller's {@code Accept-Language} names one of Handover's languages (the official
 * clients send none and read {@code class}, {@code errorCode} and {@code httpCode}, which never
 * change with the language).
 */
public final class ApiLanguage {

  private static final List<Locale> SPOKEN =
      Arrays.stream(Language.values()).map(Language::locale).toList();

  private ApiLanguage() {}

  /** The language the caller asked for, English when none of ours. */
  public static Locale of(HttpServletRequest request) {
    return request == null ? Locale.ENGLISH : of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
  }

  /** The language an {@code Accept-Language} value asks for, English when none of ours. */
  static Locale of(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 200) {
      return Locale.ENGLISH;
    }
    try {
      Locale found = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SPOKEN);
      return found == null ? Locale.ENGLISH : found;
    } catch (IllegalArgumentException malformed) {
      return Locale.ENGLISH;
    }
  }

  /** The language of the request being handled (English outside one). */
  static Locale current() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
        ? of(current.getRequest())
        : Locale.ENGLISH;
  }
}
