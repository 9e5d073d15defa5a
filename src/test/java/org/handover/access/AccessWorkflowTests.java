package org.handover.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.support.Fixtures.as;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handover.HandoverApplication;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.contact.ContactRole;
import org.handover.history.HistoryEntry;
import org.handover.history.ServiceHistory;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Delegated access end to end through {@link Policies}, {@link AccessDecisions} and {@link
 * AccessLifecycle}, on each database a subclass points it at: create and check, expiry by the
 * clock, revoke, renounce, suspension, an admin hand-over ending the old admin's policies, and a
 * second instance refusing a revocation or a suspension within a second (its near cache's time to
 * live) while the instance that wrote it refuses at once. Each step's emails and audit rows are
 * checked.
 */
abstract class AccessWorkflowTests extends IntegrationTest {

  private static final String RECORD = "domain:apiovh:zone/record/create";

  @Autowired Policies policies;
  @Autowired AccessDecisions decisions;
  @Autowired AccessLifecycle lifecycle;
  @Autowired ChangeUseCases changes;
  @Autowired AccountAdministration administration;
  @Autowired Outbox outbox;
  @Autowired AuditLog audit;
  @Autowired Environment environment;
  @Autowired ServiceHistory history;

  private Nic admin;
  private Nic tech;
  private Nic friend;
  private HostedService domain;

  @BeforeEach
  void aDomainAndAFriend() {
    admin = fixtures.account();
    tech = fixtures.account();
    friend = fixtures.account();
    domain = fixtures.service(admin, tech, admin);
  }

  private String urn(HostedService s) {
    return "urn:v1:eu:resource:" + s.type().name() + ":" + s.name();
  }

  private PolicyDraft draft(List<Nic> grantees, String expiredAt, String... allow) {
    return new PolicyDraft(
        "records",
        null,
        grantees.stream().map(n -> "urn:v1:eu:identity:account:" + n.value()).toList(),
        List.of(urn(domain)),
        List.of(allow),
        List.of(),
        List.of(),
        expiredAt);
  }

  private boolean may(Nic who, String action) {
    return decisions.decide(who, action, urn(domain)).allowed();
  }

  private List<MailKind> mailsTo(Nic nic, long afterId) {
    return outbox.after(afterId).stream()
        .filter(m -> nic.value().equals(m.recipientNic()))
        .map(OutboxMessage::kind)
        .toList();
  }

  private List<String> serviceAudit() {
    return audit.forService(domain.id(), List.of("-"), List.of("access."), null, 50).stream()
        .map(AuditEntry::action)
        .toList();
  }

  @Test
  void aPolicyGivesItsGranteeTheActionsAndTellsEveryone() {
    long before = outbox.lastId();
    assertThat(may(friend, RECORD)).isFalse();

    Policy p = policies.create(as(admin), draft(List.of(friend), null, "domain:apiovh:zone/*"));

    assertThat(may(friend, RECORD)).isTrue();
    assertThat(decisions.decide(friend, RECORD, urn(domain)).policy()).isEqualTo(p.id());
    assertThat(may(friend, "domain:apiovh:authInfo/get")).isFalse();
    assertThat(mailsTo(friend, before)).containsExactly(MailKind.ACCESS_GRANTED);
    assertThat(mailsTo(tech, before)).containsExactly(MailKind.ACCESS_GRANTED_NOTICE);
    assertThat(mailsTo(admin, before)).containsExactly(MailKind.ACCESS_GRANTED_NOTICE);
    assertThat(serviceAudit()).containsExactly("access.granted");
    HistoryEntry shown =
        history.forCustomer(tech, domain.type(), domain.name(), null).entries().get(0);
    assertThat(shown.labelKey()).isEqualTo("history.action.access.granted");
    assertThat(shown.to()).isEqualTo(friend.value());
  }

  @Test
  void anExpiredPolicyGrantsNothingAtItsInstantAndItsEndIsRecorded() {
    String weekLater = clock.instant().plus(Duration.ofDays(7)).toString();
    Policy p = policies.create(as(admin), draft(List.of(friend), weekLater, "domain:apiovh:*"));
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(may(friend, RECORD)).isTrue();
    long before = outbox.lastId();

    clock.advance(Duration.ofSeconds(1));

    assertThat(may(friend, RECORD)).as("expired by the clock alone").isFalse();
    assertThat(lifecycle.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(lifecycle.expireDue()).as("each end is recorded once").isZero();
    assertThat(policies.ownedBy(admin)).extracting(Policy::id).doesNotContain(p.id());
    assertThat(mailsTo(friend, before)).containsExactly(MailKind.ACCESS_ENDED);
    assertThat(mailsTo(tech, before)).containsExactly(MailKind.ACCESS_ENDED_NOTICE);
    assertThat(serviceAudit()).containsExactly("access.expired", "access.granted");
  }

  @Test
  void aRevokedPolicyGrantsNothing() {
    Policy p = policies.create(as(admin), draft(List.of(friend), null, "domain:apiovh:*"));
    long before = outbox.lastId();

    policies.revoke(as(admin), p.id());

    assertThat(may(friend, RECORD)).isFalse();
    assertThat(mailsTo(friend, before)).containsExactly(MailKind.ACCESS_ENDED);
    assertThat(serviceAudit()).containsExactly("access.revoked", "access.granted");
    assertThatThrownBy(() -> policies.revoke(as(admin), p.id()))
        .isInstanceOf(AccessErrors.NoSuchPolicy.class);
  }

  @Test
  void aGranteeRenouncesTheirPartAndTheOthersKeepTheirs() {
    Nic colleague = fixtures.account();
    Policy p =
        policies.create(as(admin), draft(List.of(friend, colleague), null, "domain:apiovh:*"));
    long before = outbox.lastId();

    policies.renounce(as(friend), p.id());

    assertThat(may(friend, RECORD)).isFalse();
    assertThat(may(colleague, RECORD)).isTrue();
    assertThat(policies.grantedTo(friend)).isEmpty();
    assertThat(mailsTo(friend, before)).containsExactly(MailKind.ACCESS_ENDED);
    assertThat(mailsTo(admin, before)).containsExactly(MailKind.ACCESS_ENDED_NOTICE);
    assertThat(mailsTo(colleague, before)).isEmpty();
    assertThat(serviceAudit()).containsExactly("access.renounced", "access.granted");
    assertThatThrownBy(
            () ->
                policies.update(
                    as(admin), p.id(), draft(List.of(friend, colleague), null, "domain:apiovh:*")))
        .isInstanceOf(AccessErrors.GranteeRenounced.class);
    assertThatThrownBy(() -> policies.renounce(as(fixtures.account()), p.id()))
        .isInstanceOf(AccessErrors.NoSuchPolicy.class);
  }

  @Test
  void aSuspendedGranteeIsAllowedNothingAndTheirPartEnds() {
    policies.create(as(admin), draft(List.of(friend), null, "domain:apiovh:*"));
    long before = outbox.lastId();

    administration.setState(friend, Account.State.suspended, Actor.operator("operator", null));

    assertThat(decisions.decide(friend, RECORD, urn(domain)).denied())
        .isEqualTo(Decision.Denial.suspended);
    assertThat(policies.grantedTo(friend)).isEmpty();
    assertThat(mailsTo(admin, before)).containsExactly(MailKind.ACCESS_ENDED_NOTICE);
    assertThat(serviceAudit()).containsExactly("access.suspended", "access.granted");
  }

  @Test
  void anAdminHandOverEndsTheOldAdminsPoliciesForThatService() {
    Nic next = fixtures.account();
    Policy p = policies.create(as(admin), draft(List.of(friend), null, "domain:apiovh:*"));
    ChangeSet set =
        changes
            .request(as(admin), domain.type(), domain.name(), Map.of(ContactRole.admin, next))
            .orElseThrow();
    assertThat(may(friend, RECORD)).as("until the change is applied").isTrue();
    long before = outbox.lastId();

    changes.accept(as(admin), set.id(), fixtures.codeFor(set.id(), admin));
    changes.accept(as(next), set.id(), fixtures.codeFor(set.id(), next));

    assertThat(may(friend, RECORD)).isFalse();
    assertThat(policies.ownedBy(admin)).extracting(Policy::id).doesNotContain(p.id());
    assertThat(mailsTo(friend, before)).contains(MailKind.ACCESS_ENDED);
    assertThat(serviceAudit()).containsExactly("access.adminChanged", "access.granted");
    assertThat(lifecycle.endStale(null)).as("nothing left for the sweep").isZero();
  }

  @Test
  void anotherInstanceRefusesARevokedPolicyOrASuspendedAccountWithinASecond() throws Exception {
    Policy p = policies.create(as(admin), draft(List.of(friend), null, "domain:apiovh:*"));
    // command-line arguments outrank the profile's file, as the subclass's database must
    List<String> args =
        new ArrayList<>(List.of("--server.port=0", "--spring.flyway.enabled=false"));
    for (String key :
        List.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password")) {
      args.add("--" + key + "=" + environment.getProperty(key, ""));
    }
    try (ConfigurableApplicationContext two =
        new SpringApplicationBuilder(HandoverApplication.class)
            .profiles("test")
            .run(args.toArray(String[]::new))) {
      assertThat(two.getEnvironment().getProperty("spring.datasource.url"))
          .isEqualTo(environment.getProperty("spring.datasource.url"));
      AccessDecisions other = two.getBean(AccessDecisions.class);
      // both instances now keep these answers in their near caches
      assertThat(other.decide(friend, RECORD, urn(domain)).allowed()).isTrue();
      assertThat(other.decide(tech, RECORD, urn(domain)).allowed()).isTrue();
      assertThat(decisions.decide(friend, RECORD, urn(domain)).allowed()).isTrue();
      assertThat(decisions.decide(tech, RECORD, urn(domain)).allowed()).isTrue();

      policies.revoke(as(admin), p.id());
      long revoked = System.nanoTime();
      assertThat(decisions.decide(friend, RECORD, urn(domain)).allowed())
          .as("at once on the instance that revoked")
          .isFalse();
      refusedWithinASecond(other, friend, revoked);

      administration.setState(tech, Account.State.suspended, Actor.operator("operator", null));
      long suspended = System.nanoTime();
      assertThat(decisions.decide(tech, RECORD, urn(domain)).denied())
          .as("at once on the instance that suspended")
          .isEqualTo(Decision.Denial.suspended);
      refusedWithinASecond(other, tech, suspended);
    }
  }

  /**
   * Asks the other instance until 1.3 s after the write committed ({@code since}): every answer
   * asked from one second on is a refusal.
   */
  private void refusedWithinASecond(AccessDecisions other, Nic who, long since)
      throws InterruptedException {
    long second = Duration.ofSeconds(1).toNanos();
    boolean refused = false;
    for (long asked = System.nanoTime();
        asked - since < second * 13 / 10;
        asked = System.nanoTime()) {
      refused = !other.decide(who, RECORD, urn(domain)).allowed();
      if (asked - since >= second) {
        assertThat(refused).as("asked %d ms after the write", (asked - since) / 1_000_000).isTrue();
      }
      Thread.sleep(20);
    }
    assertThat(refused).isTrue();
  }
}
