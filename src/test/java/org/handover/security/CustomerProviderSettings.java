package org.handover.security;

import org.springframework.test.context.DynamicPropertyRegistry;
import testidp.TestIdentityProvider;

/** Points Handover's customer sign-in at the test identity provider, with the provider only. */
public final class CustomerProviderSettings {

  /** The {@code acr_values} a step-up asks for in these tests. */
  public static final String STEP_UP_ACR = "urn:handover:mfa";

  private CustomerProviderSettings() {}

  public static void register(
      DynamicPropertyRegistry registry, TestIdentityProvider idp, boolean createOnFirstSignIn) {
    registry.add("handover.customers.sign-in", () -> "oidc");
    registry.add("handover.customers.issuer-uri", idp::issuer);
    registry.add("handover.customers.client-id", () -> TestIdentityProvider.CUSTOMER_CLIENT);
    registry.add("handover.customers.client-secret", () -> TestIdentityProvider.CUSTOMER_SECRET);
    registry.add("handover.customers.create-on-first-sign-in", () -> createOnFirstSignIn);
    registry.add("handover.customers.acr-values", () -> STEP_UP_ACR);
  }
}
