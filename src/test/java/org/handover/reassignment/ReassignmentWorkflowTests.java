package org.handover.reassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.contact.ContactRole.admin;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.contact.PolicyViolation;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.mail.RenderedMail;
import org.handover.reassignment.ReassignmentErrors.CaseConflict;
import org.handover.reassignment.ReassignmentErrors.CaseNotFound;
import org.handover.reassignment.ReassignmentErrors.CaseNotInStep;
import org.handover.reassignment.ReassignmentErrors.InvalidCase;
import org.handover.reassignment.ReassignmentErrors.OwnApproval;
import org.handover.reassignment.ReassignmentErrors.WrongCaseCode;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * The assisted reassignment workflow end to end through {@link Reassignments}, on each database a
 * subclass points it at: four eyes, cooling-off, veto, the new contact's code, the final check,
 * expiry.
 */
abstract class ReassignmentWorkflowTests extends IntegrationTest {

  static final Actor AGENT = Actor.operator("staff:alice", "192.0.2.1");
  static final Actor SUPERVISOR = Actor.operator("staff:sam", "192.0.2.2");

  @Autowired Reassignments cases;
  @Autowired Outbox outbox;
  @Autowired AuditLog audit;
  @Autowired AccountAdministration administration;
  @Autowired MailTemplates templates;
  @Autowired MessageSource messages;

  private ReassignmentCase open(HostedService s, ContactRole role, Nic to) {
    return cases.open(
        AGENT, s.type(), List.of(s.name()), role, to, "ticket 4711, ID card checked", "admin left");
  }

  private List<OutboxMessage> mails(long caseId) {
    return outbox.newest(0, 500).stream()
        .filter(m -> String.valueOf(caseId).equals(String.valueOf(m.payload().get("caseId"))))
        .toList();
  }

  private List<String> mailSummary(long caseId, MailKind kind) {
    return mails(caseId).stream()
        .filter(m -> m.kind() == kind)
        .map(OutboxMessage::recipientNic)
        .sorted()
        .toList();
  }

  /** The text of the email telling this reader that the case ended. */
  private String endedMail(long caseId, Nic reader) {
    OutboxMessage m =
        mails(caseId).stream()
            .filter(o -> o.kind() == MailKind.CASE_ENDED && reader.value().equals(o.recipientNic()))
            .findFirst()
            .orElseThrow();
    RenderedMail mail = templates.render(m);
    return mail.subject() + "\n" + mail.text();
  }

  private String code(long caseId) {
    return mails(caseId).stream()
        .filter(m -> m.kind() == MailKind.CASE_CODE)
        .findFirst()
        .map(m -> (String) m.payload().get("code"))
        .orElseThrow(() -> new AssertionError("no case code sent"));
  }

  @Test
  void aTechCaseCoolsOffAtOnceAndIsAppliedAfterThePeriod() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    ReassignmentCase c = open(s, tech, x);
    assertThat(c.state()).isEqualTo(ReassignmentState.coolingOff);
    assertThat(c.coolingOffEndsAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    assertThat(mailSummary(c.id(), MailKind.CASE_NOTICE))
        .containsExactlyInAnyOrder(a.value(), t.value());
    assertThat(mailSummary(c.id(), MailKind.CASE_CODE)).containsExactly(x.value());

    cases.confirm(as(x), c.id(), code(c.id()));
    clock.advance(Duration.ofDays(6));
    cases.runDueWork();
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(t);

    clock.advance(Duration.ofDays(1));
    cases.runDueWork();
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.applied);
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, x, a));
    assertThat(mailSummary(c.id(), MailKind.CASE_APPLIED))
        .containsExactlyInAnyOrder(a.value(), t.value(), x.value());
    assertThat(audit.search(List.of(s.id()), null, null, null, 0, 20))
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("case.applied");
              assertThat(e.detail())
                  .contains("openedBy=staff:alice")
                  .contains("evidence=ticket 4711, ID card checked");
            });
  }

  @Test
  void anAdminCaseNeedsASecondStaffMembersApprovalBeforeAnyoneIsTold() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    ReassignmentCase c = open(s, admin, x);
    assertThat(c.state()).isEqualTo(ReassignmentState.awaitingApproval);
    assertThat(mails(c.id())).isEmpty();

    assertThatThrownBy(() -> cases.approve(AGENT, c.id())).isInstanceOf(OwnApproval.class);
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.awaitingApproval);

    ReassignmentCase approved = cases.approve(SUPERVISOR, c.id());
    assertThat(approved.state()).isEqualTo(ReassignmentState.coolingOff);
    assertThat(approved.approvedBy().id()).isEqualTo("staff:sam");
    assertThat(mailSummary(c.id(), MailKind.CASE_NOTICE)).containsExactly(a.value());
    assertThatThrownBy(() -> cases.approve(SUPERVISOR, c.id())).isInstanceOf(CaseNotInStep.class);

    cases.confirm(as(x), c.id(), code(c.id()));
    clock.advance(Duration.ofDays(7));
    cases.runDueWork();
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(x, a, a));
    assertThat(audit.search(List.of(s.id()), null, null, null, 0, 20))
        .anySatisfy(
            e ->
                assertThat(e.detail())
                    .contains("openedBy=staff:alice")
                    .contains("approvedBy=staff:sam"));
  }

  @Test
  void aVetoAfterApprovalEndsTheCaseAndChangesNothing() {
    Nic a = fixtures.account(Language.de);
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ReassignmentCase c = open(s, admin, x);
    cases.approve(SUPERVISOR, c.id());
    cases.confirm(as(x), c.id(), code(c.id()));

    Nic stranger = fixtures.account();
    assertThatThrownBy(() -> cases.veto(as(stranger), c.id())).isInstanceOf(CaseNotFound.class);
    assertThatThrownBy(() -> cases.veto(as(x), c.id())).isInstanceOf(CaseNotFound.class);

    ReassignmentCase vetoed = cases.veto(as(a), c.id());
    assertThat(vetoed.state()).isEqualTo(ReassignmentState.vetoed);
    assertThat(mailSummary(c.id(), MailKind.CASE_ENDED))
        .containsExactlyInAnyOrder(a.value(), x.value());
    assertThat(endedMail(c.id(), a))
        .contains(messages.getMessage("case.end.vetoed.you", null, Locale.GERMAN))
        .doesNotContain("vetoed by");
    assertThat(endedMail(c.id(), x))
        .contains(messages.getMessage("case.end.vetoed", new Object[] {a.value()}, Locale.ENGLISH));

    clock.advance(Duration.ofDays(8));
    cases.runDueWork();
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
    assertThatThrownBy(() -> cases.veto(as(a), c.id())).isInstanceOf(CaseNotInStep.class);
  }

  @Test
  void aCaseNeverApprovedExpires() {
    Nic a = fixtures.account();
    Nic x = fixtures.account(Language.it);
    HostedService s = fixtures.serviceOwnedBy(a);
    ReassignmentCase c = open(s, admin, x);

    clock.advance(Duration.ofDays(29));
    cases.runDueWork();
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.awaitingApproval);
    clock.advance(Duration.ofDays(1));
    cases.runDueWork();
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.expired);
    assertThat(mailSummary(c.id(), MailKind.CASE_ENDED))
        .containsExactlyInAnyOrder(a.value(), x.value());
    assertThat(endedMail(c.id(), x))
        .contains(messages.getMessage("case.end.notApproved", null, Locale.ITALIAN))
        .doesNotContain("not approved")
        .doesNotContain("not confirmed in time");
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
    assertThatThrownBy(() -> cases.approve(SUPERVISOR, c.id())).isInstanceOf(CaseNotInStep.class);
  }

  @Test
  void aCaseUnconfirmedByTheNewContactIsNotAppliedAndExpires() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, a, a);
    ReassignmentCase c = open(s, tech, x);
    clock.advance(Duration.ofDays(8));
    cases.runDueWork();
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.coolingOff);
    clock.advance(Duration.ofDays(22));
    cases.runDueWork();
    ReassignmentCase expired = cases.get(c.id());
    assertThat(expired.state()).isEqualTo(ReassignmentState.expired);
    assertThat(expired.endReason()).isEqualTo("not confirmed in time");
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void wrongCodesAreCountedAndVoidTheCodeAfterFive() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ReassignmentCase c = open(s, tech, x);
    String good = code(c.id());
    Nic other = fixtures.account();
    assertThatThrownBy(() -> cases.confirm(as(other), c.id(), good))
        .isInstanceOf(CaseNotFound.class);
    for (int i = 0; i < 5; i++) {
      int triesLeft = 4 - i;
      assertThatThrownBy(() -> cases.confirm(as(x), c.id(), "WRONG"))
          .isInstanceOf(WrongCaseCode.class)
          .satisfies(
              e ->
                  assertThat(((WrongCaseCode) e).message(Locale.ENGLISH))
                      .contains(
                          triesLeft > 0
                              ? "Tries left before the code stops working: " + triesLeft
                              : "that was the last try"));
    }
    assertThatThrownBy(() -> cases.confirm(as(x), c.id(), good))
        .isInstanceOf(WrongCaseCode.class)
        .satisfies(
            e ->
                assertThat(((WrongCaseCode) e).message(Locale.ENGLISH))
                    .contains("typed wrongly too many times"));
    assertThat(cases.get(c.id()).confirmedAt()).isNull();
  }

  @Test
  void theFinalCheckRefusesANewContactSuspendedDuringTheCoolingOff() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ReassignmentCase c = open(s, tech, x);
    cases.confirm(as(x), c.id(), code(c.id()));
    administration.setState(x, Account.State.suspended, Actor.system());
    clock.advance(Duration.ofDays(7));
    cases.runDueWork();
    ReassignmentCase refused = cases.get(c.id());
    assertThat(refused.state()).isEqualTo(ReassignmentState.refused);
    assertThat(refused.endReason()).isNotBlank();
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void theFinalCheckAppliesThePaymentStandingRule() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ReassignmentCase c = open(s, ContactRole.billing, x);
    cases.confirm(as(x), c.id(), code(c.id()));
    fixtures.putInDebt(x);
    clock.advance(Duration.ofDays(7));
    cases.runDueWork();
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.refused);
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void oneOpenCasePerServiceAndRoleAndBadInputIsRefused() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ReassignmentCase c = open(s, admin, x);
    assertThatThrownBy(() -> open(s, admin, fixtures.account()))
        .isInstanceOf(CaseConflict.class)
        .hasMessageContaining(String.valueOf(c.id()));
    assertThatThrownBy(() -> cases.open(AGENT, s.type(), List.of(s.name()), tech, x, " ", "reason"))
        .isInstanceOf(InvalidCase.class);
    assertThatThrownBy(() -> open(s, tech, a)).isInstanceOf(PolicyViolation.class);
    Nic suspended = fixtures.account();
    administration.setState(suspended, Account.State.suspended, Actor.system());
    assertThatThrownBy(() -> open(s, tech, suspended)).isInstanceOf(PolicyViolation.class);
  }
}
