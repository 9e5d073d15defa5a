package org.handover.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.handover.account.CustomerSignInSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The customer side of the identity provider in the panel's security chain: sign-in by
 * authorization code with PKCE (registration {@value ProviderSignIn#REGISTRATION}), step-up
 * requests with {@code max_age=0} (and {@code acr_values} when configured), RP-initiated logout and
 * back-channel logout at {@code /logout/connect/back-channel/customer}.
 */
final class ProviderSecurity {

  /** The parameter of {@code /oauth2/authorization/customer} that asks for a fresh sign-in. */
  static final String STEP_UP = "step-up";

  private ProviderSecurity() {}

  static ClientRegistrationRepository registrations(CustomerSignInSettings settings) {
    boolean secret = settings.clientSecret() != null && !settings.clientSecret().isBlank();
    ClientRegistration registration =
        ClientRegistrations.fromIssuerLocation(settings.issuerUri())
            .registrationId(ProviderSignIn.REGISTRATION)
            .clientId(settings.clientId())
            .clientSecret(secret ? settings.clientSecret() : null)
            .clientAuthenticationMethod(
                secret
                    ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                    : ClientAuthenticationMethod.NONE)
            .scope(settings.scopes())
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .clientSettings(
                ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  /**
   * The provider's origins a panel form may lead to (sign-out goes on to its logout, a step-up to
   * its sign-in): those of its authorization and end-session endpoints.
   */
  static String origins(ClientRegistrationRepository registrations) {
    ClientRegistration.ProviderDetails provider =
        registrations.findByRegistrationId(ProviderSignIn.REGISTRATION).getProviderDetails();
    Set<String> origins = new LinkedHashSet<>();
    origins.add(origin(provider.getAuthorizationUri()));
    Object endSession = provider.getConfigurationMetadata().get("end_session_endpoint");
    if (endSession != null) {
      origins.add(origin(endSession.toString()));
    }
    return String.join(" ", origins);
  }

  private static String origin(String uri) {
    URI u = URI.create(uri);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  /** Adds the provider's sign-in and both ways of signing out to the panel's chain. */
  static void apply(
      HttpSecurity http,
      ClientRegistrationRepository registrations,
      ProviderSignIn signIn,
      ProviderSessions sessions)
      throws Exception {
    http.oauth2Login(
            login ->
                login
                    .loginPage("/login")
                    .clientRegistrationRepository(registrations)
                    .authorizationEndpoint(
                        a -> a.authorizationRequestResolver(resolver(registrations, signIn)))
                    .userInfoEndpoint(u -> u.oidcUserService(signIn::loadUser))
                    .successHandler(signIn::onSuccess)
                    .failureHandler(ProviderSignIn::onFailure))
        .oidcLogout(
            logout ->
                logout
                    .clientRegistrationRepository(registrations)
                    .oidcSessionRegistry(sessions)
                    .backChannel(b -> b.logoutHandler(sessions::backChannelLogout)));
  }

  /** Step-up asks the provider for a fresh sign-in: {@code max_age=0} and the acr values set. */
  private static OAuth2AuthorizationRequestResolver resolver(
      ClientRegistrationRepository registrations, ProviderSignIn signIn) {
    var resolver =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
    String acr = signIn.stepUpAcrValues();
    resolver.setAuthorizationRequestCustomizer(
        request -> {
          if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
              && a.getRequest().getParameter(STEP_UP) != null) {
            request.additionalParameters(
                p -> {
                  p.put("max_age", "0");
                  if (acr != null && !acr.isBlank()) {
                    p.put("acr_values", acr);
                  }
                });
          }
        });
    return resolver;
  }

  /**
   * After signing out of Handover: a customer of the provider goes on to the provider's logout
   * (RP-initiated), which returns to the sign-in page; others see the sign-in page at once.
   */
  static LogoutSuccessHandler afterSignOut(ClientRegistrationRepository registrations) {
    var plain = new SimpleUrlLogoutSuccessHandler();
    plain.setDefaultTargetUrl("/login?logout");
    if (registrations == null) {
      return plain;
    }
    var provider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    provider.setPostLogoutRedirectUri("{baseUrl}/login?logout");
    return (request, response, auth) -> {
      if (auth != null && auth.getPrincipal() instanceof ProviderCustomer customer) {
        provider.onLogoutSuccess(
            request,
            response,
            auth instanceof OAuth2AuthenticationToken
                ? auth
                : new OAuth2AuthenticationToken(
                    customer, auth.getAuthorities(), ProviderSignIn.REGISTRATION));
      } else {
        plain.onLogoutSuccess(request, response, auth);
      }
    };
  }
}
