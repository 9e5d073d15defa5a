package org.handover.account;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How customers sign in ({@code handover.customers.*}): with Handover's own passwords ({@code
 * password}, the default), through the provider's OpenID Connect identity provider ({@code oidc}),
 * or either ({@code both}). The provider's client is registered as {@code customer}; its redirect
 * address is {@code <public base>/login/oauth2/code/customer}. The customer ID is read from {@code
 * nic-claim}; an ID token whose {@code amr} lists one of {@code mfa-amr}, or whose {@code acr} is
 * one of {@code mfa-acr}, counts as a second factor.
 */
@Validated
@ConfigurationProperties("handover.customers")
public record CustomerSignInSettings(
    @DefaultValue("password") @NotNull Mode signIn,
    String issuerUri,
    String clientId,
    String clientSecret,
    @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
    @DefaultValue("customer_id") @NotBlank String nicClaim,
    @DefaultValue("false") boolean createOnFirstSignIn,
    @DefaultValue({"mfa", "otp", "hwk", "swk", "sc", "fpt", "face"}) List<String> mfaAmr,
    @DefaultValue List<String> mfaAcr,
    String acrValues) {

  /** The sign-in modes. */
  public enum Mode {
    password,
    oidc,
    both
  }

  /** Whether customers may sign in through the identity provider. */
  public boolean oidc() {
    return signIn != Mode.password;
  }

  /** Whether customers may sign in with a Handover password. */
  public boolean passwords() {
    return signIn != Mode.oidc;
  }

  @AssertTrue(message = "handover.customers.issuer-uri and client-id are needed for oidc and both")
  boolean isProviderConfigured() {
    return !oidc() || (present(issuerUri) && present(clientId));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
