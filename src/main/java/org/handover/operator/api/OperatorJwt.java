package org.handover.operator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.handover.system.TextRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * OAuth2 access tokens (JWT) for the operator API, so each of the provider's systems has its own
 * identity in the audit log: signed by a key of the configured issuer, issued by it ({@code iss}),
 * meant for Handover ({@code aud}), with an expiry ({@code exp}) not passed. Off unless {@code
 * handover.operator.jwt.issuer-uri} and {@code audience} are both set.
 */
final class OperatorJwt {

  private static final Logger log = LoggerFactory.getLogger(OperatorJwt.class);

  /** Settings under {@code handover.operator.jwt}. */
  @ConfigurationProperties("handover.operator.jwt")
  record Settings(String issuerUri, String audience) {
    boolean enabled() {
      return issuerUri != null && !issuerUri.isBlank() && audience != null && !audience.isBlank();
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A token without {@code exp} would be good for ever: refused, whatever else it says. */
  static final OAuth2TokenValidator<Jwt> EXPIRES =
      new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);

  private final Settings settings;
  private volatile JwtDecoder decoder;

  OperatorJwt(Settings settings) {
    this.settings = settings;
  }

  boolean enabled() {
    return settings.enabled();
  }

  /**
   * The caller named by a valid token ({@code jwt:} + its {@code client_id}, else its subject), or
   * empty when the token is not one this API accepts.
   */
  Optional<String> caller(String token) {
    if (!enabled() || token.isEmpty()) {
      return Optional.empty();
    }
    try {
      Jwt jwt = decoder().decode(token);
      String client = jwt.getClaimAsString("client_id");
      return Optional.of("jwt:" + (client != null ? client : jwt.getSubject()));
    } catch (JwtException | IllegalArgumentException | IllegalStateException refused) {
      log.info("Operator API token refused: {}", TextRules.oneLine(refused.getMessage()));
      return Optional.empty();
    }
  }

  /** Every check a token's claims must pass: issuer, audience, an expiry, times. */
  static OAuth2TokenValidator<Jwt> validator(Settings settings) {
    return new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(settings.issuerUri()),
        new JwtAudienceValidator(settings.audience()),
        EXPIRES);
  }

  // Built on first use: the identity provider need not be reachable when Handover starts.
  private JwtDecoder decoder() {
    JwtDecoder current = decoder;
    if (current == null) {
      synchronized (this) {
        if (decoder == null) {
          var http = new SimpleClientHttpRequestFactory();
          http.setConnectTimeout(TIMEOUT);
          http.setReadTimeout(TIMEOUT);
          NimbusJwtDecoder built =
              NimbusJwtDecoder.withIssuerLocation(settings.issuerUri())
                  .restOperations(new RestTemplate(http))
                  .build();
          built.setJwtValidator(validator(settings));
          decoder = built;
        }
        current = decoder;
      }
    }
    return current;
  }
}
