package org.handover.operator.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import org.handover.apiauth.ApiErrors;
import org.handover.system.Actor;
import org.handover.system.Digests;
import org.handover.system.HandoverProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator API ({@code /operator/v1/**}): stateless, authenticated by {@code Authorization:
 * Bearer <token>} compared in constant time with the digest of the configured token; 401 without
 * it, 404 everywhere when no token is configured. With {@code handover.operator.jwt.*} set, an
 * OAuth2 access token (JWT) of the provider's identity provider is accepted too ({@link
 * OperatorJwt}), and the audit log names the calling system. Controllers take the operator {@link
 * Actor} as a parameter.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurity {

  @Bean
  @Order(2)
  SecurityFilterChain operator(
      HttpSecurity http, HandoverProperties properties, OperatorJwt.Settings jwtSettings)
      throws Exception {
    byte[] expected =
        properties.operator().enabled() ? Digests.sha256(properties.operator().token()) : null;
    OperatorJwt jwt = new OperatorJwt(jwtSettings);
    http.securityMatcher("/operator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .addFilterBefore(new BearerFilter(expected, jwt), SecurityContextHolderFilter.class);
    return http.build();
  }

  /** Checks the bearer token before anything else runs. */
  static final class BearerFilter extends OncePerRequestFilter {
    private final byte[] expected;
    private final OperatorJwt jwt;

    BearerFilter(byte[] expected, OperatorJwt jwt) {
      this.expected = expected;
      this.jwt = jwt;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (expected == null && !jwt.enabled()) {
        ApiErrors.write(
            request,
            response,
            ApiErrors.of(HttpStatus.NOT_FOUND, null, "api.error.operatorDisabled"));
        return;
      }
      String header = request.getHeader("Authorization");
      String token =
          header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
              ? header.substring(7).strip()
              : "";
      String caller =
          MessageDigest.isEqual(expected, Digests.sha256(token))
              ? "operator"
              : jwt.caller(token).orElse(null);
      if (caller == null) {
        response.setHeader("WWW-Authenticate", "Bearer");
        ApiErrors.write(
            request,
            response,
            ApiErrors.of(HttpStatus.UNAUTHORIZED, null, "api.error.operatorToken"));
        return;
      }
      request.setAttribute(
          Actor.REQUEST_ATTRIBUTE, Actor.operator(caller, request.getRemoteAddr()));
      chain.doFilter(request, response);
    }
  }
}
