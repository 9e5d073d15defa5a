package org.handover.catalog.api;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.handover.catalog.ServiceType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What {@link ServiceRoutes} needs around it: handlers take the category of the route as a plain
 * {@link ServiceType} parameter, and the published OpenAPI document keeps one path per category
 * ({@code /1.0/hosting/web/{name}/serviceInfos}, …) as the reference documents them, rather than
 * the patterns with their category variables.
 */
@Configuration(proxyBeanMethods = false)
class CategoryRoutesConfiguration implements WebMvcConfigurer {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(ServiceType.class);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CategoryArgument());
  }

  @Bean
  OpenApiCustomizer pathPerCategory() {
    return CategoryRoutesConfiguration::expand;
  }

  /** Replaces each path with category variables by one path per category of its shape. */
  static void expand(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    String single = "/{" + ServiceRoutes.CATEGORY + "}/";
    String pair = "/{" + ServiceRoutes.CATEGORY + "}/{" + ServiceRoutes.KIND + "}/";
    Paths expanded = new Paths();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      String slashed = path.getKey() + "/";
      boolean twoSegments = slashed.contains(pair);
      if (!twoSegments && !slashed.contains(single)) {
        expanded.addPathItem(path.getKey(), path.getValue());
        continue;
      }
      for (ServiceType type : ServiceType.values()) {
        if (type.apiPrefix().contains("/") == twoSegments) {
          String concrete =
              slashed.replace(twoSegments ? pair : single, "/" + type.apiPrefix() + "/");
          expanded.addPathItem(
              concrete.substring(0, concrete.length() - 1), forCategory(path.getValue(), type));
        }
      }
    }
    api.setPaths(expanded);
  }

  /** A copy of the path's operations for one category: own ids, no category parameters. */
  private static PathItem forCategory(PathItem generic, ServiceType type) {
    PathItem copy = Json.mapper().convertValue(generic, PathItem.class);
    for (Operation op : copy.readOperations()) {
      if (op.getOperationId() != null) {
        op.setOperationId(op.getOperationId() + "_" + type.name());
      }
      if (op.getParameters() != null) {
        op.getParameters()
            .removeIf(
                p ->
                    "path".equals(p.getIn())
                        && (ServiceRoutes.CATEGORY.equals(p.getName())
                            || ServiceRoutes.KIND.equals(p.getName())));
      }
    }
    return copy;
  }

  /** A {@link ServiceType} parameter without annotation: the category of the matched route. */
  static final class CategoryArgument implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == ServiceType.class
          && !parameter.hasParameterAnnotations();
    }

    @Override
    public Object resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mav,
        NativeWebRequest request,
        WebDataBinderFactory binders)
        throws Exception {
      return ServiceRoutes.category(request.getNativeRequest(HttpServletRequest.class));
    }
  }
}
