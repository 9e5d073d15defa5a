package org.handover.change.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.SignatureFilter;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.catalog.api.ServiceRoutes;
import org.handover.change.ChangeItem;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeSet;
import org.handover.system.web.LeanAnswer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short way to the customer API's signed reads, behind its security chain ({@link
 * SignatureFilter} has checked the signature, the key and its access rules, and set the {@link
 * ApiCaller}): a plain GET of one task ({@code /1.0/me/task/contactChange/{id}}), of the task list
 * without a query ({@code /1.0/me/task/contactChange}) or of a service's {@code serviceInfos},
 * under {@code /1.0} or {@code /v1}, is read through the same application services as {@link
 * TasksApi} and {@link ServicesApi} and written with Jackson's streaming generator ({@link
 * TaskView#write}, {@link ServiceInfoView#write}), without Spring MVC's handler lookup, argument
 * resolution and message converters. Anything else — another path or method (HEAD included), a
 * query, an id or name that is not plain, an {@code Accept} that is not plainly JSON, a task or
 * service that is missing or not the caller's, a database failure — goes on to the controllers
 * untouched, which answer it as before: the short way never answers what a controller would answer
 * otherwise ({@code LeanReadsTest}).
 */
final class LeanReads extends OncePerRequestFilter {

  static final String TASKS = "/me/task/contactChange";
  static final String INFOS = "/serviceInfos";

  private final ChangeQueries changes;
  private final HostedServices services;
  private final Clock clock;
  private final JsonMapper json;

  /** serviceInfos' category and route pattern (the metrics' name) by root and category prefix. */
  private final Map<String, Route> routes = new HashMap<>();

  private record Route(ServiceType type, String pattern) {}

  LeanReads(ChangeQueries changes, HostedServices services, Clock clock, JsonMapper json) {
    this.changes = changes;
    this.services = services;
    this.clock = clock;
    this.json = json;
    for (String root : ServiceRoutes.ROOTS) {
      for (ServiceType type : ServiceType.values()) {
        String pattern = ServiceRoutes.pattern(root, type, "/{name}" + INFOS);
        routes.put(root + "/" + type.apiPrefix(), new Route(type, pattern));
      }
    }
  }

  /** What the short way answers with: the route's pattern and the body's writer. */
  private record Answer(String pattern, Consumer<JsonGenerator> body) {}

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Answer answer = null;
    if (plain(request)
        && request.getAttribute(SignatureFilter.CALLER) instanceof ApiCaller caller) {
      try {
        answer =
            answer(request.getRequestURI().substring(request.getContextPath().length()), caller);
      } catch (RuntimeException notFoundOrFailed) {
        // the controller answers it, as it always has
      }
    }
    if (answer == null) {
      chain.doFilter(request, response);
      return;
    }
    try (JsonGenerator out = LeanAnswer.ok(request, response, answer.pattern(), json)) {
      answer.body().accept(out);
    }
  }

  /** A GET without a query, asking for JSON. */
  private static boolean plain(HttpServletRequest request) {
    return "GET".equals(request.getMethod())
        && request.getQueryString() == null
        && LeanAnswer.asksForJson(request);
  }

  /** The answer to a path, null when the short way does not take it. */
  private Answer answer(String path, ApiCaller caller) {
    for (String root : ServiceRoutes.ROOTS) {
      if (path.startsWith(root) && path.startsWith("/", root.length())) {
        String rest = path.substring(root.length());
        if (rest.equals(TASKS)) {
          List<Long> ids = changes.taskIdsInvolving(caller.nic(), null, null, null);
          return new Answer(root + TASKS, out -> numbers(out, ids));
        }
        if (rest.startsWith(TASKS + "/")) {
          long id = id(rest.substring(TASKS.length() + 1));
          if (id == 0) {
            return null;
          }
          Map.Entry<ChangeSet, ChangeItem> task = changes.task(caller.nic(), id);
          TaskView view = TaskView.of(task.getKey(), task.getValue());
          return new Answer(root + TASKS + "/{id}", view::write);
        }
        return rest.endsWith(INFOS) ? serviceInfos(root, rest, caller) : null;
      }
    }
    return null;
  }

  /** {@code serviceInfos} of {@code /{prefix}/{name}/serviceInfos} under {@code root}. */
  private Answer serviceInfos(String root, String rest, ApiCaller caller) {
    int end = rest.length() - INFOS.length();
    int slash = rest.lastIndexOf('/', end - 1);
    Route route = slash > 0 ? routes.get(root + rest.substring(0, slash)) : null;
    String name = rest.substring(slash + 1, end);
    if (route == null || !plainName(name)) {
      return null;
    }
    ServiceInfoView view =
        ServiceInfoView.of(services.requireVisibleTo(caller.nic(), route.type(), name), clock);
    return new Answer(route.pattern(), view::write);
  }

  private static void numbers(JsonGenerator out, List<Long> ids) {
    out.writeStartArray();
    for (long id : ids) {
      out.writeNumber(id);
    }
    out.writeEndArray();
  }

  /** 1 to 18 plain digits, the first not 0; 0 for anything else (the controller's to answer). */
  private static long id(String digits) {
    int length = digits.length();
    if (length < 1 || length > 18 || digits.charAt(0) == '0') {
      return 0;
    }
    long id = 0;
    for (int i = 0; i < length; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      id = id * 10 + (c - '0');
    }
    return id;
  }

  /** Letters, digits, dots, dashes and underscores: the same text encoded in a URL or not. */
  private static boolean plainName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '.'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Registered after every other filter (the API's security chain included), for its paths. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<LeanReads> leanReads(
        ChangeQueries changes, HostedServices services, Clock clock, JsonMapper json) {
      FilterRegistrationBean<LeanReads> registration =
          new FilterRegistrationBean<>(new LeanReads(changes, services, clock, json));
      for (String root : ServiceRoutes.ROOTS) {
        registration.addUrlPatterns(root + "/*");
      }
      registration.setOrder(Ordered.LOWEST_PRECEDENCE);
      return registration;
    }
  }
}
