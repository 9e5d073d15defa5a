package org.handover.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.audit.Browsers;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A browser's name as its owner reads it in their language ("Firefox 133 on Windows", "Firefox 133
 * sous Windows"), from what {@link Browsers} recognised in a User-Agent (a session's, or the one a
 * security log line stored); "Unknown browser" (translated) when nothing was recognised. The raw
 * User-Agent is never shown. The one way Handover names a browser to a person.
 */
@Component
public class BrowserNames {

  private final Browsers browsers;
  private final MessageSource messages;

  BrowserNames(MessageSource messages, Browsers browsers) {
    this.messages = messages;
    this.browsers = browsers;
  }

  /** The name of the browser behind this User-Agent (null or blank allowed), in this language. */
  public String name(String userAgent, Locale locale) {
    return name(browsers.recognise(userAgent), locale);
  }

  /** The name of a recognised browser and system (each may be null), in this language. */
  public String name(Browsers.Recognised found, Locale locale) {
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
}
