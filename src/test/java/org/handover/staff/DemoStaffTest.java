package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.handover.support.Fixtures;
import org.handover.support.H2Database;
import org.handover.support.HttpSession;
import org.handover.support.TestClockConfiguration;
import org.handover.system.HandoverProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Demo mode without an identity provider: the built-in staff accounts, never under {@code prod}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class DemoStaffTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "demo-staff");
  }

  @LocalServerPort int port;
  @Autowired HandoverProperties properties;

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void demoStaffSignInWithTheirRoles() {
    var browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/operator/console"));
    assertThat(login.body()).contains("demo-agent");
    HttpSession.Page home =
        browser.submit(
            login,
            "/operator/console/login",
            "username",
            "demo-agent",
            "password",
            "handover-demo");
    assertThat(home.uri().getPath()).isEqualTo("/operator/console");
    assertThat(home.body()).contains("demo-agent (viewer, agent)");
  }

  @Test
  void aWrongPasswordIsRefused() {
    var browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/operator/console/login"));
    HttpSession.Page again =
        browser.submit(
            login, "/operator/console/login", "username", "demo-agent", "password", "wrong");
    assertThat(again.uri().getQuery()).isEqualTo("error");
    // the name typed is still in the form, the password never is
    assertThat(again.body()).contains("value=\"demo-agent\"").doesNotContain("value=\"wrong\"");
  }

  @Test
  void neverUnderTheProdProfile() {
    var prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    assertThat(StaffSecurity.demoStaff(properties, prod)).isFalse();
    assertThat(StaffSecurity.demoStaff(properties, new MockEnvironment())).isTrue();
  }
}
