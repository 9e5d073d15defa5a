package org.handover.security;

import org.springframework.test.context.DynamicPropertyRegistry;
import testidp.TestIdentityProvider;

/** Points Handover's customer sign-in at the test identity provider, in the given mode. */
public final class CustomerProviderSettings {

  /** The {@code acr_values} a step-up asks for in these tests. */
  public static final String STEP_UP_ACR = "urn:handover:mfa";

  private CustomerProviderSettings() {}

  public static void register(
      DynamicPropertyRegistry registry,
      TestIdentityProvider idp,
      String mode,
      boolean createOnFirstSignIn) {
    registry.add("handover.customers.sign-in", () -> mode);
    registry.add("handover.customers.issuer-uri", idp::issuer);
    registry.add("handover.customers.client-id", () -> TestIdentityProvider.CUSTOMER_CLIENT);
    registry.add("handover.customers.client-secret", () -> TestIdentityProvider.CUSTOMER_SECRET);
    registry.add("handover.customers.create-on-first-sign-in", () -> createOnFirstSignIn);
    registry.add("handover.customers.acr-values", () -> STEP_UP_ACR);
  }
}
