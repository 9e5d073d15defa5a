package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the lean paths share (filters that answer a plain call in JSON without Spring MVC, each
 * leaving everything else to its controller): which calls ask plainly for JSON, and the start of a
 * 200 answer as MVC's JSON converter gives it.
 */
public final class LeanAnswer {

  private LeanAnswer() {}

  /** No {@code Accept}, or one that MVC answers with {@code application/json} alone. */
  public static boolean asksForJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept == null
        || accept.equals("*/*")
        || accept.equals("application/json")
        || accept.equals("application/json, */*");
  }

  /**
   * Starts a 200 answer in JSON, named in the metrics by the route {@code pattern} of the
   * controller it stands for: the generator to write the body with; closing it sends the answer.
   */
  public static JsonGenerator ok(
      HttpServletRequest request, HttpServletResponse response, String pattern, JsonMapper json)
      throws IOException {
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(observed -> observed.setPathPattern(pattern));
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    return json.createGenerator(response.getOutputStream());
  }
}
