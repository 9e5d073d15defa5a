package org.handover.access.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.handover.access.AccessDecisions;
import org.handover.access.AccessDecisions.Check;
import org.handover.system.Actor;
import org.handover.system.web.LeanAnswer;
import org.handover.system.web.ReplayedBody;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short way to {@code POST /operator/v1/authorize}, behind the operator API's security chain
 * (its bearer token checked, the operator {@link Actor} set): a plain request — a JSON object of
 * the three texts {@code identity}, {@code action} and {@code resource}, each once, nothing else,
 * sent as {@code application/json} to be answered in JSON — is read with Jackson's streaming
 * parser, decided by the same {@link AccessDecisions} and written with its generator, without
 * Spring MVC's handler lookup, argument resolution and message converters. Anything else (another
 * shape, a refused check, a database failure, a body over {@value #MAX_BODY} bytes) goes on to
 * {@link OperatorAuthorizeApi} with the body replayed, which answers it as before: the short way
 * never answers what the controller would answer otherwise ({@code LeanAuthorizeTest}).
 */
final class LeanAuthorize extends OncePerRequestFilter {

  /** The path it answers (the batch goes to the controller). */
  static final String PATH = "/operator/v1/authorize";

  static final int MAX_BODY = 4_096;

  private final AccessDecisions decisions;
  private final JsonMapper json;

  LeanAuthorize(AccessDecisions decisions, JsonMapper json) {
    this.decisions = decisions;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (!taken(request) || length < 0 || length > MAX_BODY) {
      chain.doFilter(request, response);
      return;
    }
    long start = System.nanoTime();
    byte[] body = request.getInputStream().readNBytes((int) length);
    Check check = plain(body);
    Answer answer = null;
    if (check != null) {
      try {
        answer = Answer.of(decisions.decideAll(List.of(check)).get(0));
      } catch (RuntimeException refusedOrFailed) {
        answer = null; // the controller answers it, as it always has
      }
    }
    if (answer == null) {
      chain.doFilter(new ReplayedBody(request, body), response);
      return;
    }
    response.setHeader("Server-Timing", Answer.serverTiming(start));
    try (JsonGenerator out = LeanAnswer.ok(request, response, PATH, json)) {
      out.writeStartObject();
      out.writeBooleanProperty("allowed", answer.allowed());
      out.writeName("because");
      out.writeStartObject();
      for (Map.Entry<String, String> reason : answer.because().entrySet()) {
        out.writeStringProperty(reason.getKey(), reason.getValue());
      }
      out.writeEndObject();
      out.writeEndObject();
    }
  }

  /** A POST to the path by the operator, in JSON, asking for JSON. */
  private static boolean taken(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod())
        && PATH.equals(request.getRequestURI())
        && request.getAttribute(Actor.REQUEST_ATTRIBUTE) != null
        && request.getQueryString() == null
        && type != null
        && (type.equalsIgnoreCase("application/json")
            || type.equalsIgnoreCase("application/json;charset=utf-8")
            || type.equalsIgnoreCase("application/json; charset=utf-8"))
        && LeanAnswer.asksForJson(request);
  }

  /** The check of a plain body; null for anything else. */
  private Check plain(byte[] body) {
    String identity = null;
    String action = null;
    String resource = null;
    try (JsonParser in = json.createParser(body)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = in.nextToken(); t != JsonToken.END_OBJECT; t = in.nextToken()) {
        String name = in.currentName();
        if (t != JsonToken.PROPERTY_NAME || in.nextToken() != JsonToken.VALUE_STRING) {
          return null;
        }
        if ("identity".equals(name) && identity == null) {
          identity = in.getString();
        } else if ("action".equals(name) && action == null) {
          action = in.getString();
        } else if ("resource".equals(name) && resource == null) {
          resource = in.getString();
        } else {
          return null;
        }
      }
      if (in.nextToken() != null) {
        return null;
      }
    } catch (JacksonException malformed) {
      return null;
    }
    return identity == null || action == null || resource == null
        ? null
        : new Check(identity, action, resource);
  }

  /** Registered after every other filter, for the one path. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<LeanAuthorize> leanAuthorize(
        AccessDecisions decisions, JsonMapper json) {
      FilterRegistrationBean<LeanAuthorize> registration =
          new FilterRegistrationBean<>(new LeanAuthorize(decisions, json));
      registration.addUrlPatterns(PATH);
      registration.setOrder(Ordered.LOWEST_PRECEDENCE);
      return registration;
    }
  }
}
