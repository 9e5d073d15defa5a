package org.handover.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * What a User-Agent says of the browser, as data: the browser with its major version ("Firefox
 * 133") and its system ("Windows"), recognised by the ua-parser project's maintained patterns. The
 * one place Handover reads User-Agents: the security log stores what it recognised, and the
 * Security page, the console and the new-browser email name it in the reader's language from this
 * (see {@code security.BrowserNames}). The few distinct agents a site sees are remembered (at most
 * {@link #REMEMBERED}), so a sign-in does not run the patterns again.
 */
@Component
public class Browsers {

  /** How many distinct agents are remembered: the memory stays bounded whatever agents come. */
  static final int REMEMBERED = 2_000;

  private static final int LONGEST_AGENT = 500;
  private static final int LONGEST_NAME = 120;

  /** The browser with its major version, and its system; each null when not recognised. */
  public record Recognised(String browser, String system) {
    static final Recognised NOTHING = new Recognised(null, null);
  }

  private final Parser parser = new Parser();
  private final Cache<String, Recognised> seen =
      Caffeine.newBuilder().maximumSize(REMEMBERED).build();

  /** What this User-Agent (null or blank allowed) says; no system without a browser. */
  public Recognised recognise(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return Recognised.NOTHING;
    }
    String agent =
        userAgent.length() > LONGEST_AGENT ? userAgent.substring(0, LONGEST_AGENT) : userAgent;
    return seen.get(agent, this::parse);
  }

  /** How many agents are remembered now (for the test of the memory bound). */
  long remembered() {
    seen.cleanUp();
    return seen.estimatedSize();
  }

  private Recognised parse(String agent) {
    Client client = parser.parse(agent);
    String browser = family(client.userAgent.family);
    if (browser == null) {
      return Recognised.NOTHING;
    }
    String major = client.userAgent.major;
    if (major != null && !major.isEmpty() && major.chars().allMatch(Character::isDigit)) {
      browser = browser + " " + major;
    }
    return new Recognised(cut(browser), cut(family(client.os.family)));
  }

  private static String family(String family) {
    return family == null || family.isBlank() || "Other".equals(family) ? null : family;
  }

  private static String cut(String name) {
    return name == null || name.length() <= LONGEST_NAME ? name : name.substring(0, LONGEST_NAME);
  }
}
