package org.handover.catalog.api;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handover.catalog.ServiceType;
import org.springframework.http.HttpHeaders;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The reference API's service routes ({@code /1.0/domain/…}, {@code /v1/hosting/web/…}): one
 * mapping per handler, whose patterns carry the category as path variables, instead of one mapping
 * per category (which the dispatcher tried one by one on every request). A category prefix has one
 * segment ({@code vps}) or two ({@code hosting/web}), so each root has two patterns, {@code
 * /{category}…} and {@code /{category}/{kind}…}, each variable limited to the segments some prefix
 * uses; a handler takes the category as a {@link ServiceType} parameter. A pair of segments that is
 * no category ({@code /1.0/hosting/zone}) is answered as a call that matches no route at all.
 */
public final class ServiceRoutes {

  /** The roots of the customer API: the reference's {@code /1.0} and its alias {@code /v1}. */
  public static final List<String> ROOTS = List.of("/1.0", "/v1");

  static final String CATEGORY = "category";
  static final String KIND = "kind";

  private static final Map<String, ServiceType> BY_PREFIX =
      Arrays.stream(ServiceType.values())
          .collect(Collectors.toUnmodifiableMap(ServiceType::apiPrefix, Function.identity()));

  private ServiceRoutes() {}

  /**
   * Maps the method {@code handler} of the bean {@code bean} (of class {@code type}) to {@code
   * method} under every category of every root, followed by {@code suffix} (e.g. {@code
   * /{name}/serviceInfos}), as one mapping.
   */
  public static void register(
      RequestMappingHandlerMapping mapping,
      String bean,
      Class<?> type,
      String handler,
      RequestMethod method,
      String suffix) {
    Method target = ReflectionUtils.findMethod(type, handler, (Class<?>[]) null);
    if (target == null) {
      throw new IllegalStateException(type.getSimpleName() + " has no method " + handler);
    }
    mapping.registerMapping(
        RequestMappingInfo.paths(patterns(suffix).toArray(String[]::new))
            .methods(method)
            .options(mapping.getBuilderConfiguration())
            .build(),
        bean,
        target);
  }

  /**
   * The patterns of one handler: per root, one for one-segment and one for two-segment prefixes.
   */
  static List<String> patterns(String suffix) {
    Set<String> single = new LinkedHashSet<>();
    Set<String> first = new LinkedHashSet<>();
    Set<String> second = new LinkedHashSet<>();
    for (ServiceType t : ServiceType.values()) {
      String[] segments = t.apiPrefix().split("/");
      for (String s : segments) {
        if (!s.matches("[A-Za-z0-9]+")) {
          throw new IllegalStateException("not a plain route segment: " + t.apiPrefix());
        }
      }
      switch (segments.length) {
        case 1 -> single.add(segments[0]);
        case 2 -> {
          first.add(segments[0]);
          second.add(segments[1]);
        }
        default -> throw new IllegalStateException("a prefix of 1 or 2 segments: " + t);
      }
    }
    List<String> patterns = new ArrayList<>();
    for (String root : ROOTS) {
      patterns.add(root + "/" + variable(CATEGORY, single) + suffix);
      patterns.add(root + "/" + variable(CATEGORY, first) + "/" + variable(KIND, second) + suffix);
    }
    return patterns;
  }

  /**
   * The pattern of {@link #register} that a call under {@code root} (one of {@link #ROOTS}) to a
   * category of {@code type} matches: the route the metrics name.
   */
  public static String pattern(String root, ServiceType type, String suffix) {
    int shape = type.apiPrefix().indexOf('/') < 0 ? 0 : 1;
    return patterns(suffix).get(ROOTS.indexOf(root) * 2 + shape);
  }

  private static String variable(String name, Set<String> values) {
    return "{" + name + ":" + String.join("|", values) + "}";
  }

  /**
   * The category of a request matched by a pattern of {@link #register}; a pair of segments that
   * names no category fails as the dispatcher fails a call that matches no route.
   */
  static ServiceType category(HttpServletRequest request) throws NoHandlerFoundException {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    ServiceType type = null;
    if (variables instanceof Map<?, ?> map && map.get(CATEGORY) instanceof String category) {
      type = BY_PREFIX.get(map.get(KIND) instanceof String kind ? category + "/" + kind : category);
    }
    if (type == null) {
      throw new NoHandlerFoundException(
          request.getMethod(), request.getRequestURI(), HttpHeaders.EMPTY);
    }
    return type;
  }
}
