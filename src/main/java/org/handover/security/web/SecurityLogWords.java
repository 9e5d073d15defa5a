package org.handover.security.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.audit.SecurityEntry;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * The security log's lines in words a person reads, in their language: the browser as the Security
 * page names signed-in browsers ("Firefox 133 sous Windows", "Unknown browser" translated), who did
 * it, and the detail ("Accepted change set #12", "API key #3", "7 recovery codes left") instead of
 * the short tokens the log stores. A name the customer typed (a passkey's, an authenticator's) is
 * shown as typed.
 */
@Component
class SecurityLogWords {

  /** One line as shown: the entry, and its browser, author and detail in words. */
  record Line(SecurityEntry entry, String browser, String by, String detail) {}

  /** The log stores the recognised browser as "Browser on System" (English joining word). */
  private static final String STORED_ON = " on ";

  private static final Pattern CHANGE_SET =
      Pattern.compile(
          "(change\\.requested|party\\.accepted|party\\.refused|change\\.aborted)" + " set (\\d+)");
  private static final Pattern KEY = Pattern.compile("key (\\d+)");
  private static final Pattern CODES_LEFT = Pattern.compile("(\\d+) left");

  /** The single words the log stores as a detail or an author, each with its own message. */
  private static final Set<String> WORDS =
      Set.of(
          "passwordReset",
          "passwordChanged",
          "suspended",
          "sessionsRevoked",
          "factorRemoved",
          "provider",
          "/createToken");

  private final MessageSource messages;

  SecurityLogWords(MessageSource messages) {
    this.messages = messages;
  }

  List<Line> lines(List<SecurityEntry> entries, Locale locale) {
    return entries.stream()
        .map(
            e ->
                new Line(
                    e,
                    browser(e, locale),
                    by(e.by(), locale),
                    e.detail() == null ? "" : detail(e.detail(), locale)))
        .toList();
  }

  private String browser(SecurityEntry e, Locale locale) {
    if (e.browser() == null) {
      return e.address() == null ? "—" : text("browser.unknown", locale);
    }
    int on = e.browser().lastIndexOf(STORED_ON);
    if (on < 0) {
      return e.browser();
    }
    return text(
        "browser.onSystem",
        locale,
        e.browser().substring(0, on),
        e.browser().substring(on + STORED_ON.length()));
  }

  private String by(String by, Locale locale) {
    if (by == null) {
      return text("securityLog.by.you", locale);
    }
    if (by.startsWith("staff:")) {
      return text("securityLog.by.staff", locale, by.substring("staff:".length()));
    }
    return word(by, locale);
  }

  String detail(String detail, Locale locale) {
    Matcher set = CHANGE_SET.matcher(detail);
    if (set.matches()) {
      return text("securityLog.detail." + set.group(1), locale, set.group(2));
    }
    Matcher key = KEY.matcher(detail);
    if (key.matches()) {
      return text("securityLog.detail.key", locale, key.group(1));
    }
    Matcher left = CODES_LEFT.matcher(detail);
    if (left.matches()) {
      return text("securityLog.detail.codesLeft", locale, Integer.valueOf(left.group(1)));
    }
    return word(detail, locale);
  }

  private String word(String stored, Locale locale) {
    if (!WORDS.contains(stored)) {
      return stored;
    }
    try {
      return text("securityLog.word." + stored.replace("/", ""), locale);
    } catch (NoSuchMessageException missing) {
      return stored;
    }
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
