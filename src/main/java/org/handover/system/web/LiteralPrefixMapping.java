package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's own mapping, which tries a route's conditions only when the request's path begins
 * with the route's literal start. A path with a variable ({@code /1.0/me/task/contactChange/7}) is
 * no direct match, so Spring tried every route in turn — its methods, parameters, headers, media
 * types (read from a request attribute through every wrapper of the request) and patterns, about
 * 150 routes: 12–18 % of an API call's CPU in the 2026-12-06 profile. A route whose every pattern
 * starts with literal text the path does not start with cannot match, so it is passed over at the
 * cost of a {@code startsWith}; every other route, and every choice among the matches (the best
 * match, 405 and 415 answers from all routes), is Spring's as before. A path with {@code %} is
 * decoded per segment by the patterns, so it takes Spring's full way.
 */
final class LiteralPrefixMapping extends RequestMappingHandlerMapping {

  private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

  private final Map<RequestMappingInfo, String[]> starts = new ConcurrentHashMap<>();

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
      throws Exception {
    LOOKUP.set(lookupPath.indexOf('%') < 0 ? lookupPath : null);
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      LOOKUP.remove();
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    String path = LOOKUP.get();
    if (path != null && !admits(info, path)) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  /** Whether a path may match the route: false only when it starts with none of its literals. */
  boolean admits(RequestMappingInfo info, String path) {
    for (String start : starts.computeIfAbsent(info, LiteralPrefixMapping::literalStarts)) {
      if (path.startsWith(start)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text each pattern starts with before its first variable or wildcard; an empty start (no
   * pattern condition, or a pattern opening with a variable) admits every path.
   */
  static String[] literalStarts(RequestMappingInfo info) {
    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
    if (condition == null || condition.getPatterns().isEmpty()) {
      return new String[] {""};
    }
    return condition.getPatterns().stream()
        .map(PathPattern::getPatternString)
        .map(LiteralPrefixMapping::literalStart)
        .toArray(String[]::new);
  }

  static String literalStart(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '{' || c == '*' || c == '?') {
        return pattern.substring(0, i);
      }
    }
    return pattern;
  }
}
