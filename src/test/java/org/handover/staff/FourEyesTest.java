package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.reassignment.ReassignmentState;
import org.handover.reassignment.Reassignments;
import org.handover.support.Fixtures;
import org.handover.support.HttpSession;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testidp.TestIdentityProvider;

/**
 * Staff rules know a person by the provider's stable identity (issuer and {@code sub}), never by
 * the name they go by, which they may change at the provider: the same person under a new name
 * cannot approve their own case, and the audit log names the identity with the name beside it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class FourEyesTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    StaffConsoleSettings.register(registry, IDP);
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired Reassignments cases;
  @Autowired AuditLog audit;

  @BeforeEach
  void allowRedirect() {
    IDP.allowRedirect(url("/operator/console/login/oauth2/code/staff"));
  }

  @AfterEach
  void ownNamesAgain() {
    IDP.forgetRenames();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String identity(String sub) {
    return "staff:" + IDP.issuer() + "#" + sub;
  }

  /** Signs the person in and opens an administrator-role case on the service; returns its id. */
  private long openAdminCase(String person, HostedService s, Nic to) {
    var browser = new HttpSession();
    StaffSignInTest.signIn(browser, url("/operator/console"), person);
    HttpSession.Page form =
        browser.get(url("/operator/console/cases/new?type=domain&name=" + s.name()));
    HttpSession.Page opened =
        browser.submit(
            form,
            "/operator/console/cases",
            "type",
            "domain",
            "names",
            s.name(),
            "role",
            "admin",
            "newContact",
            to.value(),
            "evidence",
            "Ticket 4711: register extract checked",
            "reason",
            "The administrator left");
    String path = opened.uri().getPath();
    return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
  }

  private HttpSession.Page approve(String person, long id) {
    var browser = new HttpSession();
    HttpSession.Page home = StaffSignInTest.signIn(browser, url("/operator/console"), person);
    assertThat(home.status()).isEqualTo(200);
    HttpSession.Page page = browser.get(url("/operator/console/cases/" + id));
    return browser.submit(page, "/operator/console/cases/" + id + "/approve");
  }

  @Test
  void onePersonUnderTwoNamesCannotApproveTheirOwnCase() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    long id = openAdminCase("sam", s, x);
    assertThat(cases.get(id).state()).isEqualTo(ReassignmentState.awaitingApproval);

    // the same sub, now going by another name (even another supervisor's)
    IDP.rename("sam", "sue");
    HttpSession.Page refused = approve("sam", id);
    assertThat(refused.body()).contains("sue (viewer, agent, supervisor)");
    assertThat(cases.get(id).state()).isEqualTo(ReassignmentState.awaitingApproval);
    assertThat(cases.get(id).approvedBy()).isNull();
    IDP.rename("sam", "samuel");
    approve("sam", id);
    assertThat(cases.get(id).state()).isEqualTo(ReassignmentState.awaitingApproval);

    // another person approves
    IDP.forgetRenames();
    approve("sue", id);
    assertThat(cases.get(id).state()).isEqualTo(ReassignmentState.coolingOff);

    List<AuditEntry> trail = audit.search(List.of(s.id()), null, null, null, 0, 50);
    assertThat(trail)
        .filteredOn(e -> e.action().equals("case.opened"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo(identity("sam"));
              assertThat(e.actorName()).isEqualTo("sam");
            });
    assertThat(trail)
        .filteredOn(e -> e.action().equals("case.approved"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo(identity("sue"));
              assertThat(e.actorName()).isEqualTo("sue");
            });
  }
}
