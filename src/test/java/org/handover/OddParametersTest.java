package org.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.contact.ContactRole;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Every panel, console and API path the application maps, called with odd values in every path
 * variable and parameter it reads (braces, NUL, 5,000 characters, unicode, negative numbers, none
 * at all), alone and beside real identifiers (a request, a task, a customer, a service, so that the
 * code behind each lookup is reached), as a visitor, as a signed-in customer and as the operator:
 * never a 5xx.
 */
class OddParametersTest extends IntegrationTest {

  static final List<String> ODD =
      List.of(
          "{x}",
          "\u0000",
          "x".repeat(3_000),
          "\u00fc\u202e\ud835\udd18\u3000",
          "-1",
          "99999999999999999999",
          "role:");

  /** The odd values also tried beside real identifiers. */
  static final Set<String> BESIDE_REAL = Set.of("{x}", "\u0000", "-1", "role:");

  /** Parameters read in more than one place, sent to every path as well. */
  static final List<String> COMMON =
      List.of("token", "taskId", "continue", "before", "page", "size", "state", "q", "lang", "id");

  private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*}|\\*\\*");

  @Autowired MockMvc mvc;
  @Autowired ChangeUseCases changes;

  private final AtomicInteger calls = new AtomicInteger();

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  record Call(HttpMethod method, String pattern, Set<String> params) {}

  private List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    var names = new DefaultParameterNameDiscoverer();
    mappings
        .getHandlerMethods()
        .forEach(
            (RequestMappingInfo info, HandlerMethod handler) -> {
              Set<String> params = new LinkedHashSet<>(COMMON);
              Method m = handler.getMethod();
              String[] declared = names.getParameterNames(m);
              for (MethodParameter p : handler.getMethodParameters()) {
                RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                if (rp != null) {
                  String n = !rp.name().isEmpty() ? rp.name() : rp.value();
                  params.add(
                      !n.isEmpty() ? n : declared == null ? "p" : declared[p.getParameterIndex()]);
                } else if (p.getParameterType().isRecord()
                    && !p.hasParameterAnnotation(RequestBody.class)
                    && p.getParameterType().getPackage() == m.getDeclaringClass().getPackage()) {
                  // a page's form object bound from the query: each of its fields is a parameter
                  for (var field : p.getParameterType().getRecordComponents()) {
                    params.add(field.getName());
                  }
                }
              }
              Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
              for (String pattern : info.getPatternValues()) {
                for (RequestMethod rm : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                  calls.add(new Call(HttpMethod.valueOf(rm.name()), pattern, params));
                }
              }
            });
    return calls;
  }

  /**
   * The URI of a call: each path variable and parameter gets the odd value, except those named in
   * {@code real}, which get a real value (so that a request reaches the code behind the lookups).
   */
  private static URI uri(Call call, String odd, Map<String, String> real, boolean withParams) {
    String path =
        VARIABLE
            .matcher(call.pattern())
            .replaceAll(
                r -> {
                  String name = r.group().replaceAll("[{}*]|:.*", "");
                  return Matcher.quoteReplacement(
                      UriUtils.encodePathSegment(
                          real.getOrDefault(name, odd), StandardCharsets.UTF_8));
                });
    StringBuilder query = new StringBuilder();
    if (withParams) {
      for (String name : call.params()) {
        query.append(query.isEmpty() ? "?" : "&").append(name).append('=');
        query.append(UriUtils.encode(real.getOrDefault(name, odd), StandardCharsets.UTF_8));
      }
    }
    return URI.create(path + query);
  }

  private void walk(
      String who, RequestPostProcessor as, Map<String, String> real, List<String> failures) {
    for (Call call : calls()) {
      List<URI> uris = new ArrayList<>();
      for (String odd : ODD) {
        uris.add(uri(call, odd, Map.of(), true)); // odd everywhere
        if (BESIDE_REAL.contains(odd)) {
          uris.add(uri(call, odd, real, true)); // odd beside real identifiers
        }
      }
      uris.add(uri(call, "1", real, false)); // no parameters at all
      for (URI uri : uris) {
        MockHttpServletRequestBuilder b = request(call.method(), uri).with(freshAddress());
        if (call.pattern().startsWith("/1.0")
            || call.pattern().startsWith("/v1")
            || call.pattern().startsWith("/operator/v1")) {
          b.contentType("application/json").content("{\"x\":\"{x}\"}");
        }
        if (as != null) {
          b.with(as);
        }
        try {
          int status = mvc.perform(b.with(csrf())).andReturn().getResponse().getStatus();
          if (status >= 500) {
            failures.add(who + " " + call.method() + " " + shorten(uri) + " -> " + status);
          }
        } catch (Exception thrown) {
          failures.add(who + " " + call.method() + " " + shorten(uri) + " -> " + thrown);
        }
      }
    }
  }

  /**
   * Each call from its own client address (198.18.0.0/15), so that the walk's refusals fill no
   * address-based count that another test, or the walk itself, relies on.
   */
  private RequestPostProcessor freshAddress() {
    int n = calls.incrementAndGet();
    return r -> {
      r.setRemoteAddr("198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 0xff) + "." + (n & 0xff));
      return r;
    };
  }

  private static String shorten(URI uri) {
    String s = uri.toString();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  @Test
  void noPathAnswers5xxToOddParameters() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Nic asker = fixtures.account();
    HostedService service = fixtures.serviceOwnedBy(asker);
    ChangeSet set =
        changes
            .request(as(asker), service.type(), service.name(), wanted(ContactRole.tech, nic))
            .orElseThrow();
    Map<String, String> real =
        Map.of(
            "id", String.valueOf(set.id()),
            "taskId", String.valueOf(set.items().get(0).taskId()),
            "nic", nic.value(),
            "type", service.type().name(),
            "category", service.type().apiPrefix(),
            "name", service.name(),
            "serviceName", service.name());
    List<String> failures = new ArrayList<>();
    walk("visitor", null, real, failures);
    walk("customer", user(nic.value()).authorities(() -> "ROLE_CUSTOMER"), real, failures);
    walk(
        "operator",
        r -> {
          r.addHeader("Authorization", "Bearer test-operator-token");
          return r;
        },
        real,
        failures);
    assertThat(new TreeSet<>(failures)).isEmpty();
  }

  @Test
  void theWalkCoversPanelConsoleAndBothApis() {
    Set<String> patterns = new TreeSet<>();
    calls().forEach(c -> patterns.add(c.pattern()));
    assertThat(patterns)
        .contains(
            "/account/contacts/requests",
            "/operator/console",
            "/1.0/me/task/contactChange/{id}",
            "/operator/v1/accounts/{nic}/debt",
            "/error");
  }
}
