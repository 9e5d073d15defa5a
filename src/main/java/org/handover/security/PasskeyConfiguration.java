package org.handover.security;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.handover.system.HandoverProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * The WebAuthn relying party: this site, named by the host of {@code handover.public-base-url}
 * (passkeys are bound to it), accepting answers only from that address's origin. On a development
 * address ({@code localhost}) the port the server actually listens on is accepted too, since a
 * random port is known only once the server has started.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

  private final URI base;
  private final Set<String> origins = ConcurrentHashMap.newKeySet();

  PasskeyConfiguration(HandoverProperties properties) {
    this.base = URI.create(properties.publicBaseUrl());
    origins.add(origin(base.getScheme(), base.getHost(), base.getPort()));
  }

  @Bean
  Webauthn4JRelyingPartyOperations relyingParty(
      PasskeyRepository repository, HandoverProperties properties) {
    var relyingParty =
        new Webauthn4JRelyingPartyOperations(
            repository.users(),
            repository.credentials(),
            PublicKeyCredentialRpEntity.builder()
                .id(base.getHost())
                .name(properties.providerName())
                .build(),
            origins);
    // a passkey is registered only by an authenticator that verifies its user, as every use of it
    // here requires (a key that cannot would be added for nothing)
    relyingParty.setCustomizeCreationOptions(
        options ->
            options.authenticatorSelection(
                AuthenticatorSelectionCriteria.builder()
                    .userVerification(UserVerificationRequirement.REQUIRED)
                    .residentKey(ResidentKeyRequirement.REQUIRED)
                    .build()));
    return relyingParty;
  }

  @EventListener
  void on(WebServerInitializedEvent started) {
    if ("localhost".equals(base.getHost())) {
      origins.add(origin(base.getScheme(), "localhost", started.getWebServer().getPort()));
    }
  }

  private static String origin(String scheme, String host, int port) {
    boolean defaultPort =
        port < 0
            || ("https".equals(scheme) && port == 443)
            || ("http".equals(scheme) && port == 80);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }
}
