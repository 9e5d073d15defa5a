package org.handover.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * What every request pays for, set up once: a route's conditions are tried only when the path
 * starts with the route's literal text ({@link LiteralPrefixMapping}), with no route ever passed
 * over that Spring would have matched; the actuator's endpoints are tried after the application's
 * routes, not before every request; and a page reaches the response in one write.
 */
class HotPathsTest extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  HandlerMapping mapping;

  @Autowired ThymeleafViewResolver views;
  @Autowired List<AbstractWebMvcEndpointHandlerMapping> endpoints;
  @Autowired MockMvc mvc;

  /** Every registered pattern with its variables filled in, and a few paths no route has. */
  private List<String> pathsOfEveryRoute(Map<RequestMappingInfo, HandlerMethod> routes) {
    List<String> paths = new ArrayList<>(List.of("/", "/nowhere", "/1.0/nowhere/7", "/v2/x"));
    for (RequestMappingInfo info : routes.keySet()) {
      for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
        paths.add(
            pattern
                .getPatternString()
                .replaceAll("\\{\\*[^}]+}", "a/b")
                .replaceAll("\\{[^}:]+:[^|}]*?([a-z]+)[|)}][^}]*}", "$1")
                .replaceAll("\\{[^}]+}", "7")
                .replace("**", "a/b")
                .replace("*", "a"));
      }
    }
    return paths;
  }

  @Test
  void aRouteIsPassedOverOnlyWhenItsLiteralStartRulesTheRequestOut() {
    assertThat(mapping).isInstanceOf(LiteralPrefixMapping.class);
    LiteralPrefixMapping routes = (LiteralPrefixMapping) mapping;
    Map<RequestMappingInfo, HandlerMethod> all = routes.getHandlerMethods();
    assertThat(all).hasSizeGreaterThan(100);
    int checked = 0;
    for (String path : pathsOfEveryRoute(all)) {
      for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        for (RequestMappingInfo info : all.keySet()) {
          if (info.getMatchingCondition(request) != null) {
            checked++;
            assertThat(routes.admits(info, path))
                .as("%s %s matches %s, so it must be tried", method, path, info)
                .isTrue();
          }
        }
      }
    }
    assertThat(checked).as("paths that match some route").isGreaterThan(100);
  }

  @Test
  void aPathWithAVariableTriesOnlyTheRoutesOfItsLiteralStart() {
    LiteralPrefixMapping routes = (LiteralPrefixMapping) mapping;
    Map<RequestMappingInfo, HandlerMethod> all = routes.getHandlerMethods();
    for (String path :
        List.of(
            "/1.0/me/task/contactChange/7",
            "/1.0/me/task/contactChange/7/accept",
            "/account/contacts/services/7")) {
      long tried = all.keySet().stream().filter(info -> routes.admits(info, path)).count();
      assertThat(tried)
          .as("routes whose conditions %s still tries, of %d", path, all.size())
          .isLessThan(all.size() / 8);
    }
  }

  @Test
  void aPageIsRenderedWholeThenWrittenOnce() {
    assertThat(views.getProducePartialOutputWhileProcessing()).isFalse();
  }

  @Test
  void theActuatorsEndpointsAreTriedAfterTheRoutesAndStillAnswer() throws Exception {
    assertThat(endpoints).isNotEmpty();
    for (AbstractWebMvcEndpointHandlerMapping endpoint : endpoints) {
      assertThat(endpoint.getOrder())
          .as("%s after the application's routes", endpoint.getClass().getSimpleName())
          .isGreaterThan(((LiteralPrefixMapping) mapping).getOrder());
    }
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
  }
}
