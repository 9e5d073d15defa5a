package org.handover.apiauth;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.handover.system.HandoverProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The customer API's own security chain: stateless, no CSRF (calls are signed, not cookie-based),
 * authenticated by {@link SignatureFilter}. Controllers take an {@link ApiCaller} parameter.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http, VerifiedKeys keys, Clock clock, HandoverProperties properties)
      throws Exception {
    http.securityMatcher("/1.0/**", "/v1/**", "/v2/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .addFilterBefore(
            new SignatureFilter(keys, clock, properties), SecurityContextHolderFilter.class);
    return http.build();
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(
        new HandlerMethodArgumentResolver() {
          @Override
          public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ApiCaller.class;
          }

          @Override
          public Object resolveArgument(
              MethodParameter parameter,
              ModelAndViewContainer mav,
              NativeWebRequest request,
              WebDataBinderFactory binders) {
            Object caller =
                request
                    .getNativeRequest(HttpServletRequest.class)
                    .getAttribute(SignatureFilter.CALLER);
            if (caller == null) {
              throw ApiErrors.notCredential("api.error.notSigned");
            }
            return caller;
          }
        });
  }
}
