package org.handover.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Names a browser from its User-Agent as a person would ("Chrome on Linux"), with the ua-parser
 * project's maintained patterns; null when nothing is recognised. The few distinct agents a site
 * sees are remembered, so a sign-in does not run the patterns again.
 */
@Component
class Browsers {

  private final Parser parser = new Parser();
  private final Cache<String, String> named = Caffeine.newBuilder().maximumSize(2_000).build();

  String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return null;
    }
    String agent = userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent;
    String name = named.get(agent, this::parse);
    return name.isEmpty() ? null : name;
  }

  private String parse(String agent) {
    Client client = parser.parse(agent);
    String browser = known(client.userAgent.family);
    String system = known(client.os.family);
    if (browser == null) {
      return "";
    }
    String name = system == null ? browser : browser + " on " + system;
    return name.length() > 120 ? name.substring(0, 120) : name;
  }

  private static String known(String family) {
    return family == null || family.isBlank() || "Other".equals(family) ? null : family;
  }
}
