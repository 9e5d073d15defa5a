package org.handover.staff;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Staff sign-in ({@code handover.staff.*}): the provider's OpenID Connect provider (issuer, client)
 * and the ID-token claim that lists a person's console roles. Without an issuer, demo mode offers
 * built-in staff accounts; outside demo mode the console then has no way in.
 */
@Validated
@ConfigurationProperties("handover.staff")
public record StaffSettings(
    String issuerUri,
    String clientId,
    String clientSecret,
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("preferred_username") @NotBlank String nameClaim) {

  /** Whether staff sign in through an identity provider. */
  public boolean oidc() {
    return issuerUri != null && !issuerUri.isBlank();
  }
}
