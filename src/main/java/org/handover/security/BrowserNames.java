package org.handover.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * A browser's name as its owner reads it in their language ("Firefox 133 on Windows", "Firefox 133
 * sous Windows"), read from the User-Agent a session signed in with by the ua-parser project's
 * maintained patterns; "Unknown browser" (translated) when nothing is recognised. The raw
 * User-Agent is never shown. The few distinct agents a site sees are parsed once.
 */
@Component
public class BrowserNames {

  private static final int LONGEST = 500;

  /** What the patterns recognised: the browser with its major version, and its system, or null. */
  record Recognised(String browser, String system) {
    static final Recognised NOTHING = new Recognised(null, null);
  }

  private final Parser parser = new Parser();
  private final Cache<String, Recognised> seen = Caffeine.newBuilder().maximumSize(2_000).build();
  private final MessageSource messages;

  BrowserNames(MessageSource messages) {
    this.messages = messages;
  }

  /** The name of the browser behind this User-Agent (null or blank allowed), in this language. */
  public String name(String userAgent, Locale locale) {
    Recognised found = recognise(userAgent);
    if (found.browser() == null) {
      return messages.getMessage("browser.unknown", null, locale);
    }
    if (found.system() == null) {
      return found.browser();
    }
    return messages.getMessage(
        "browser.onSystem", new Object[] {found.browser(), found.system()}, locale);
  }

  /** Each session's browser name, by the session's handle, for a page listing sessions. */
  public Map<String, String> bySession(List<WebSessions.View> sessions, Locale locale) {
    Map<String, String> names = new LinkedHashMap<>();
    sessions.forEach(s -> names.put(s.handle(), name(s.device(), locale)));
    return names;
  }

  Recognised recognise(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return Recognised.NOTHING;
    }
    String agent = userAgent.length() > LONGEST ? userAgent.substring(0, LONGEST) : userAgent;
    return seen.get(agent, this::parse);
  }

  private Recognised parse(String agent) {
    Client client = parser.parse(agent);
    String browser = family(client.userAgent.family);
    if (browser == null) {
      return Recognised.NOTHING;
    }
    String major = client.userAgent.major;
    if (major != null && major.chars().allMatch(Character::isDigit) && !major.isEmpty()) {
      browser = browser + " " + major;
    }
    return new Recognised(browser, family(client.os.family));
  }

  private static String family(String family) {
    return family == null || family.isBlank() || "Other".equals(family) ? null : family;
  }
}
