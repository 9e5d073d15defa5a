package org.handover.staff;

import org.springframework.test.context.DynamicPropertyRegistry;
import testidp.TestIdentityProvider;

/** Points Handover's staff sign-in and operator API tokens at the test identity provider. */
public final class StaffConsoleSettings {

  private StaffConsoleSettings() {}

  public static void register(DynamicPropertyRegistry registry, TestIdentityProvider idp) {
    registry.add("handover.staff.issuer-uri", idp::issuer);
    registry.add("handover.staff.client-id", () -> TestIdentityProvider.CONSOLE_CLIENT);
    registry.add("handover.staff.client-secret", () -> TestIdentityProvider.CONSOLE_SECRET);
    registry.add("handover.operator.jwt.issuer-uri", idp::issuer);
    registry.add("handover.operator.jwt.audience", () -> TestIdentityProvider.AUDIENCE);
  }
}
