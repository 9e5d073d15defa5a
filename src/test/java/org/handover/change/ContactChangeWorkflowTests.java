package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.contact.ContactRole.admin;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeErrors.CodeReplaced;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.NotAllowedToCancel;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.contact.PolicyViolation;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contact-change workflow end to end through {@link ChangeUseCases}: every scenario of DESIGN
 * §2, on each database a subclass points it at.
 */
abstract class ContactChangeWorkflowTests extends IntegrationTest {

  @Autowired ChangeUseCases changes;
  @Autowired ChangeSetJob expiry;
  @Autowired Outbox outbox;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;

  /** The one item of a set that holds one. */
  private static ChangeItem only(ChangeSet set) {
    assertThat(set.items()).hasSize(1);
    return set.items().get(0);
  }

  private ChangeSet request(Nic asker, HostedService s, Map<ContactRole, Nic> wanted) {
    return changes.request(as(asker), s.type(), s.name(), wanted).orElseThrow();
  }

  private ChangeSet accept(Nic party, ChangeSet c) {
    return changes.accept(as(party), c.id(), fixtures.codeFor(c.id(), party));
  }

  private List<String> mailSummary(long changeId, long afterId) {
    return outbox.forChange(changeId).stream()
        .filter(m -> m.id() > afterId)
        .map(m -> m.kind() + ">" + m.recipientNic())
        .toList();
  }

  // ---- the rules table, end to end ---------------------------------------------------------

  @Test
  void adminHandsTechToAnotherAccountAndBothConfirm() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    ChangeSet c = request(a, s, wanted(tech, x));

    assertThat(c.state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(c.parties()).extracting(Party::nic).containsExactly(a, x);
    assertThat(only(c).from()).isEqualTo(a);
    assertThat(c.expiresAt()).isEqualTo(c.requestedAt().plus(Duration.ofDays(14)));
    assertThat(mailSummary(c.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + a, "CHANGE_CODE>" + x);

    long before = outbox.lastId();
    ChangeSet afterFirst = accept(a, c);
    assertThat(afterFirst.state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(afterFirst.pendingParties()).containsExactly(x);
    assertThat(mailSummary(c.id(), before)).containsExactly("CHANGE_PARTY_ACCEPTED>" + x);
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(a);

    before = outbox.lastId();
    ChangeSet done = accept(x, c);
    assertThat(done.state()).isEqualTo(ChangeState.done);
    assertThat(done.doneAt()).isEqualTo(clock.instant());
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, x, a));
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder("CHANGE_DONE>" + a, "CHANGE_DONE>" + x);
  }

  @Test
  void adminAssignsTechToItselfAndAloneConfirms() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    ChangeSet c = request(a, s, wanted(tech, a));

    assertThat(c.parties()).extracting(Party::nic).containsExactly(a);
    assertThat(mailSummary(c.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + a, "CHANGE_NOTICE>" + t);
    long before = outbox.lastId();
    assertThat(accept(a, c).state()).isEqualTo(ChangeState.done);
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder("CHANGE_DONE>" + a, "CHANGE_DONE>" + t);
  }

  @Test
  void adminAppointsANewAdminAndStepsDown() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, t);

    ChangeSet c = request(a, s, wanted(admin, x));
    assertThat(c.parties()).extracting(Party::nic).containsExactly(a, x);
    accept(x, c);
    accept(a, c);

    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(x, t, t));
  }

  @Test
  void adminChangesTechAndBillingOfAnotherHolderInOneRequest() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, t);

    ChangeSet c = request(a, s, Map.of(tech, x, billing, x));

    assertThat(only(c).roles()).containsExactlyInAnyOrder(tech, billing);
    assertThat(only(c).from()).isEqualTo(t);
    assertThat(mailSummary(c.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + a, "CHANGE_CODE>" + x, "CHANGE_NOTICE>" + t);
    accept(a, c);
    long before = outbox.lastId();
    accept(x, c);
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, x, x));
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder("CHANGE_DONE>" + a, "CHANGE_DONE>" + x, "CHANGE_DONE>" + t);
  }

  @Test
  void oneEditMakesOneSetWithOneItemPerPairAndOneCodePerPerson() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic b = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, b);

    ChangeSet set = request(a, s, Map.of(tech, x, billing, x, admin, x));

    assertThat(set.items())
        .extracting(ChangeItem::from, ChangeItem::roles)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a, EnumSet.of(admin)),
            org.assertj.core.groups.Tuple.tuple(t, EnumSet.of(tech)),
            org.assertj.core.groups.Tuple.tuple(b, EnumSet.of(billing)));
    assertThat(set.parties()).extracting(Party::nic).containsExactly(a, x);
    // the new contact gets exactly one code email for the three roles; the others one notice each
    assertThat(mailSummary(set.id(), 0))
        .containsExactlyInAnyOrder(
            "CHANGE_CODE>" + a, "CHANGE_CODE>" + x, "CHANGE_NOTICE>" + t, "CHANGE_NOTICE>" + b);
    accept(a, set);
    long before = outbox.lastId();
    assertThat(accept(x, set).state()).isEqualTo(ChangeState.done);
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(x));
    assertThat(mailSummary(set.id(), before))
        .containsExactlyInAnyOrder(
            "CHANGE_DONE>" + a, "CHANGE_DONE>" + x, "CHANGE_DONE>" + t, "CHANGE_DONE>" + b);
  }

  @Test
  void adminHandsAdminAndATechRoleHeldByAnotherToABuyerInOneSetAndItApplies() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic buyer = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    ChangeSet set = request(a, s, Map.of(admin, buyer, tech, buyer));
    accept(buyer, set);
    ChangeSet done = accept(a, set);

    // every item was judged against the contacts before any was applied: the set never defeats
    // itself although its asker is no longer the administrator once the admin item is in place
    assertThat(done.state()).isEqualTo(ChangeState.done);
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(buyer, buyer, a));
  }

  @Test
  void fieldsEqualToTheCurrentContactsAreNoChange() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    // a tech contact sends all three fields, as the reference panel does; admin and billing
    // unchanged
    ChangeSet set = request(t, s, Map.of(admin, a, tech, x, billing, a));
    assertThat(only(set).roles()).containsExactly(tech);
    assertThat(changes.request(as(t), s.type(), s.name(), Map.of(admin, a, billing, a))).isEmpty();
  }

  @Test
  void acceptingAgainWithTheSameCodeIsANoOpAndAnotherCodeIsRefused() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet set = request(a, s, wanted(tech, x));
    String codeA = fixtures.codeFor(set.id(), a);
    changes.accept(as(a), set.id(), codeA);
    long before = outbox.lastId();

    assertThat(changes.accept(as(a), set.id(), codeA).party(a).orElseThrow().status())
        .isEqualTo(PartyStatus.accepted);
    assertThat(outbox.lastId()).isEqualTo(before);
    assertThatThrownBy(() -> changes.accept(as(a), set.id(), "WRONG-CODE"))
        .isInstanceOf(AlreadyAnswered.class);
    accept(x, set);
    // after the set is applied, the same codes still answer as no-ops, nothing else
    assertThat(changes.accept(as(x), set.id(), fixtures.codeFor(set.id(), x)).state())
        .isEqualTo(ChangeState.done);
    assertThat(changes.accept(as(a), set.id(), codeA).state()).isEqualTo(ChangeState.done);
  }

  @Test
  void aTechHandoverTellsTheAdministratorWhoSeesAndMayCancelIt() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    ChangeSet set = request(t, s, wanted(tech, x));

    assertThat(mailSummary(set.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + t, "CHANGE_CODE>" + x, "CHANGE_NOTICE>" + a);
    assertThat(changes.listInvolving(a, null, false, null, 10))
        .extracting(ChangeSet::id)
        .contains(set.id());
    assertThat(changes.listInvolving(a, null, true, null, 10)).isEmpty();
    assertThat(changes.listInvolving(x, null, true, null, 10))
        .extracting(ChangeSet::id)
        .containsExactly(set.id());
    assertThat(changes.awaitingCount(x)).isEqualTo(1);
    long before = outbox.lastId();
    assertThat(changes.cancel(as(a), set.id()).state()).isEqualTo(ChangeState.aborted);
    assertThat(mailSummary(set.id(), before))
        .containsExactlyInAnyOrder(
            "CHANGE_ABORTED>" + a, "CHANGE_ABORTED>" + t, "CHANGE_ABORTED>" + x);
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(t);
    assertThat(changes.awaitingCount(x)).isZero();
  }

  @Test
  void aBulkHandoverIsOneSetConfirmedOnceByEachPersonAndAppliedWhole() {
    Nic r = fixtures.account();
    Nic agency = fixtures.account();
    Nic other = fixtures.account();
    List<HostedService> mine = List.of(fixtures.serviceOwnedBy(r), fixtures.serviceOwnedBy(r));
    HostedService notMine = fixtures.serviceOwnedBy(other);
    List<org.handover.catalog.ServiceKey> keys = new java.util.ArrayList<>();
    mine.forEach(s -> keys.add(new org.handover.catalog.ServiceKey(s.type(), s.name())));

    ChangeContacts preview =
        new ChangeContacts(
            changes.previewSet(
                as(r),
                List.of(
                    keys.get(0),
                    keys.get(1),
                    new org.handover.catalog.ServiceKey(notMine.type(), notMine.name())),
                wanted(tech, agency)));
    assertThat(preview.included()).isEqualTo(2);
    assertThat(preview.excluded()).isEqualTo(1);

    ChangeSet set = changes.requestSet(as(r), keys, wanted(tech, agency), false);
    assertThat(set.items()).hasSize(2);
    assertThat(set.parties()).extracting(Party::nic).containsExactly(r, agency);
    assertThat(mailSummary(set.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + r, "CHANGE_CODE>" + agency);
    accept(r, set);
    accept(agency, set);
    mine.forEach(s -> assertThat(fixtures.contactsOf(s).tech()).isEqualTo(agency));
    assertThatThrownBy(
            () ->
                changes.requestSet(
                    as(r),
                    List.of(new org.handover.catalog.ServiceKey(notMine.type(), notMine.name())),
                    wanted(tech, agency),
                    false))
        .isInstanceOf(ServiceNotFound.class);
  }

  @Test
  void deletingOneServiceOfAnEndedSetKeepsTheItemsOfTheOthers() {
    Nic r = fixtures.account();
    Nic agency = fixtures.account();
    HostedService first = fixtures.serviceOwnedBy(r);
    HostedService second = fixtures.serviceOwnedBy(r);
    ChangeSet set =
        changes.requestSet(
            as(r),
            List.of(
                new org.handover.catalog.ServiceKey(first.type(), first.name()),
                new org.handover.catalog.ServiceKey(second.type(), second.name())),
            wanted(tech, agency),
            false);
    assertThatThrownBy(() -> changes.deleteService(as(r), first.type(), first.name()))
        .isInstanceOf(OpenRequestConflict.class);
    changes.cancel(as(r), set.id());

    changes.deleteService(as(r), first.type(), first.name());

    assertThat(changes.get(r, set.id()).items())
        .extracting(ChangeItem::serviceName)
        .containsExactly(second.name());
    changes.deleteService(as(r), second.type(), second.name());
    assertThat(changes.find(set.id())).isEmpty();
  }

  @Test
  void aSetOfMoreItemsThanOneInsertStatementHoldsIsWrittenWholeAndApplied() {
    Nic r = fixtures.account();
    Nic agency = fixtures.account();
    List<HostedService> mine = new java.util.ArrayList<>();
    for (int i = 0; i < 130; i++) {
      mine.add(fixtures.serviceOwnedBy(r));
    }
    ChangeSet set =
        changes.requestSet(
            as(r),
            mine.stream()
                .map(s -> new org.handover.catalog.ServiceKey(s.type(), s.name()))
                .toList(),
            wanted(tech, agency),
            false);

    assertThat(set.items()).hasSize(130);
    assertThat(set.items().stream().map(ChangeItem::taskId).distinct()).hasSize(130);
    assertThat(
            jdbc.sql("select count(*) from open_role_claims where change_id in (:ids)")
                .param("ids", set.items().stream().map(ChangeItem::taskId).toList())
                .query(Long.class)
                .single())
        .isEqualTo(130L);
    assertThat(mailSummary(set.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + r, "CHANGE_CODE>" + agency);
    assertThatThrownBy(() -> request(r, mine.get(129), wanted(tech, fixtures.account())))
        .isInstanceOf(OpenRequestConflict.class);
    accept(r, set);
    accept(agency, set);

    mine.forEach(s -> assertThat(fixtures.contactsOf(s).tech()).isEqualTo(agency));
    List<AuditEntry> trail = audit.forChange(set.id());
    assertThat(trail.stream().filter(e -> e.action().equals("change.requested"))).hasSize(130);
    assertThat(trail.stream().filter(e -> e.action().equals("change.done"))).hasSize(130);
    assertThat(
            jdbc.sql("select count(*) from open_role_claims where change_id in (:ids)")
                .param("ids", set.items().stream().map(ChangeItem::taskId).toList())
                .query(Long.class)
                .single())
        .isZero();
  }

  /** Counts of a preview. */
  private record ChangeContacts(int included, int excluded) {
    ChangeContacts(SetPreview p) {
      this(p.included().size(), p.excluded().size());
    }
  }

  @Test
  void techContactHandsOverOwnRole() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    ChangeSet c = request(t, s, wanted(tech, x));
    assertThat(c.parties()).extracting(Party::nic).containsExactly(t, x);
    assertThat(mailSummary(c.id(), 0))
        .containsExactlyInAnyOrder("CHANGE_CODE>" + t, "CHANGE_CODE>" + x, "CHANGE_NOTICE>" + a);
    accept(t, c);
    accept(x, c);

    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, x, a));
  }

  @Test
  void billingContactHandsOverOwnRole() {
    Nic a = fixtures.account();
    Nic b = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, a, b);

    ChangeSet c = request(b, s, wanted(billing, x));
    accept(x, c);
    accept(b, c);

    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, a, x));
  }

  @Test
  void techContactCannotTouchOtherRolesAndNothingIsWritten() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    long mailsBefore = outbox.lastId();

    assertThatThrownBy(() -> changes.request(as(t), s.type(), s.name(), wanted(admin, x)))
        .isInstanceOfSatisfying(
            PolicyViolation.class, v -> assertThat(v.rule()).isEqualTo("onlyAdminChangesAdmin"));
    assertThatThrownBy(() -> changes.request(as(t), s.type(), s.name(), wanted(billing, x)))
        .isInstanceOfSatisfying(
            PolicyViolation.class,
            v -> assertThat(v.rule()).isEqualTo("othersHandOverOnlyTheirOwnRole"));

    assertThat(changes.taskIdsInvolving(t, null, null, null)).isEmpty();
    assertThat(outbox.lastId()).isEqualTo(mailsBefore);
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, t, a));
  }

  @Test
  void strangerCannotSeeTheService() {
    Nic a = fixtures.account();
    Nic stranger = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    assertThatThrownBy(
            () -> changes.request(as(stranger), s.type(), s.name(), wanted(tech, stranger)))
        .isInstanceOf(ServiceNotFound.class);
  }

  @Test
  void unknownNewContactIsNamedInTheError() {
    Nic a = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    Nic ghost = new Nic("qq99999999-ovh");

    assertThatThrownBy(() -> request(a, s, wanted(tech, ghost)))
        .isInstanceOf(PolicyViolation.class)
        .hasMessageContaining("qq99999999-ovh");
  }

  // ---- refusal, codes, resend, cancel ----------------------------------------------------

  @Test
  void refusalByTheNewContactEndsTheRequestAndChangesNothing() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet c = request(a, s, wanted(tech, x));
    long before = outbox.lastId();

    ChangeSet refused = changes.refuse(as(x), c.id(), fixtures.codeFor(c.id(), x), null);

    assertThat(refused.state()).isEqualTo(ChangeState.refused);
    assertThat(refused.reason()).isEqualTo(Reason.of("reason.refusedBy", x.value()));
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, t, a));
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder(
            "CHANGE_REFUSED>" + a, "CHANGE_REFUSED>" + x, "CHANGE_REFUSED>" + t);
    assertThatThrownBy(() -> accept(a, c)).isInstanceOf(ChangeClosed.class);
    // the role is free again
    assertThat(request(a, s, wanted(tech, x)).state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void fiveWrongCodesVoidTheCodeUntilANewOneIsSent() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));
    String right = fixtures.codeFor(c.id(), x);

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> changes.accept(as(x), c.id(), "AAAA-BBBB-CCCC"))
          .isInstanceOf(WrongCode.class);
    }
    assertThatThrownBy(() -> changes.accept(as(x), c.id(), right)).isInstanceOf(CodeVoid.class);
    assertThat(changes.get(x, c.id()).party(x).orElseThrow().status())
        .isEqualTo(PartyStatus.pending);

    clock.advance(Duration.ofMinutes(2));
    changes.resendCode(as(x), c.id());
    String fresh = fixtures.codeFor(c.id(), x);
    assertThat(changes.accept(as(x), c.id(), fresh).party(x).orElseThrow().status())
        .isEqualTo(PartyStatus.accepted);

    List<AuditEntry> trail = audit.forChange(c.id());
    assertThat(trail).filteredOn(e -> e.action().equals("code.rejected")).hasSize(6);
    assertThat(trail)
        .allSatisfy(
            e ->
                assertThat(String.valueOf(e.detail()))
                    .doesNotContain(right)
                    .doesNotContain(fresh)
                    .doesNotContain(right.replace("-", "")));
  }

  @Test
  void aUsedCodeNeverWorksAgain() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));
    String codeA = fixtures.codeFor(c.id(), a);

    changes.accept(as(a), c.id(), codeA);
    // accepting again with it is the same acceptance (no new answer, no email); refusing with it
    // is an answer it can no longer give
    long before = outbox.lastId();
    changes.accept(as(a), c.id(), codeA);
    assertThat(outbox.lastId()).isEqualTo(before);
    assertThat(audit.forChange(c.id()))
        .filteredOn(e -> e.action().equals("party.accepted"))
        .hasSize(1);
    assertThatThrownBy(() -> changes.refuse(as(a), c.id(), codeA, null))
        .isInstanceOf(AlreadyAnswered.class);

    accept(x, c);
    assertThatThrownBy(() -> changes.refuse(as(a), c.id(), codeA, null))
        .isInstanceOf(ChangeClosed.class);
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(x);
  }

  @Test
  void aCodeOnlyWorksForThePartyItWasIssuedTo() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));

    assertThatThrownBy(() -> changes.accept(as(a), c.id(), fixtures.codeFor(c.id(), x)))
        .isInstanceOf(WrongCode.class);
    assertThat(changes.get(a, c.id()).pendingParties()).containsExactly(a, x);
  }

  @Test
  void resendSendsANewCodeAndVoidsTheOldOne() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));
    String old = fixtures.codeFor(c.id(), x);

    assertThatThrownBy(() -> changes.resendCode(as(x), c.id())).isInstanceOf(ResendTooSoon.class);
    clock.advance(Duration.ofMinutes(1));
    long before = outbox.lastId();
    changes.resendCode(as(x), c.id());
    assertThat(mailSummary(c.id(), before)).containsExactly("CHANGE_CODE_RESENT>" + x);
    String fresh = fixtures.codeFor(c.id(), x);

    assertThat(fresh).isNotEqualTo(old);
    // the older email's code is recognised and named as replaced, without counting as a guess
    assertThatThrownBy(() -> changes.accept(as(x), c.id(), old))
        .isInstanceOf(CodeReplaced.class)
        .hasMessageContaining("replaced by a newer one");
    assertThatThrownBy(() -> changes.refuse(as(x), c.id(), old, null))
        .isInstanceOf(CodeReplaced.class);
    assertThat(failedAttempts(c.id(), x)).isZero();
    assertThat(changes.accept(as(x), c.id(), fresh).pendingParties()).containsExactly(a);
  }

  @Test
  void onlyTheLastReplacedCodeIsNamedAsReplaced() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));
    String first = fixtures.codeFor(c.id(), x);
    clock.advance(Duration.ofMinutes(1));
    changes.resendCode(as(x), c.id());
    String second = fixtures.codeFor(c.id(), x);
    clock.advance(Duration.ofMinutes(1));
    changes.resendCode(as(x), c.id());

    assertThatThrownBy(() -> changes.accept(as(x), c.id(), second))
        .isInstanceOf(CodeReplaced.class);
    assertThatThrownBy(() -> changes.accept(as(x), c.id(), first)).isInstanceOf(WrongCode.class);
    assertThat(failedAttempts(c.id(), x)).isEqualTo(1);
    // once the set has ended, the replaced code is forgotten with the rest
    changes.cancel(as(a), c.id());
    assertThat(
            jdbc.sql(
                    "select count(*) from set_parties where set_id = ? and replaced_digest is not null")
                .param(c.id())
                .query(Integer.class)
                .single())
        .isZero();
  }

  private int failedAttempts(long setId, Nic nic) {
    return jdbc.sql("select failed_attempts from set_parties where set_id = ? and nic = ?")
        .params(setId, nic.value())
        .query(Integer.class)
        .single();
  }

  @Test
  void resendIsLimitedToTenADay() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(1));
      changes.resendCode(as(x), c.id());
    }
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> changes.resendCode(as(x), c.id()))
        .isInstanceOf(ResendLimitReached.class);
    clock.advance(Duration.ofDays(1));
    changes.resendCode(as(x), c.id());
  }

  @Test
  void theAskerCancelsAndEveryoneIsTold() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet c = request(a, s, wanted(tech, x));
    String codeX = fixtures.codeFor(c.id(), x);

    assertThatThrownBy(() -> changes.cancel(as(x), c.id())).isInstanceOf(NotAllowedToCancel.class);
    long before = outbox.lastId();
    ChangeSet cancelled = changes.cancel(as(a), c.id());

    assertThat(cancelled.state()).isEqualTo(ChangeState.aborted);
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder(
            "CHANGE_ABORTED>" + a, "CHANGE_ABORTED>" + x, "CHANGE_ABORTED>" + t);
    assertThatThrownBy(() -> changes.accept(as(x), c.id(), codeX)).isInstanceOf(ChangeClosed.class);
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(t);
  }

  @Test
  void anOperatorAbortsAnOpenRequest() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));

    ChangeSet aborted =
        changes.abort(org.handover.system.Actor.operator("ops", null), c.id(), "fraud check");

    assertThat(aborted.state()).isEqualTo(ChangeState.aborted);
    assertThat(aborted.reason().args()).containsExactly("fraud check");
    assertThatThrownBy(() -> accept(x, c)).isInstanceOf(ChangeClosed.class);
  }

  @Test
  void onlyOneOpenRequestPerServiceAndRole() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    Nic y = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet first = request(t, s, wanted(tech, x));

    assertThatThrownBy(() -> request(a, s, wanted(tech, y)))
        .isInstanceOfSatisfying(
            OpenRequestConflict.class,
            e -> {
              assertThat(e.openChangeId()).isEqualTo(first.id());
              assertThat(e.getMessage()).contains(String.valueOf(first.id()));
            });
    // another role of the same service is free
    assertThat(request(a, s, wanted(billing, y)).roles()).containsExactly(billing);
  }

  @Test
  void onlyPartiesAnswerAndOnlyInvolvedAccountsSeeARequest() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    Nic stranger = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet c = request(a, s, wanted(tech, x));

    assertThat(changes.get(t, c.id()).id()).isEqualTo(c.id());
    assertThatThrownBy(() -> changes.accept(as(t), c.id(), "X")).isInstanceOf(NotAParty.class);
    assertThatThrownBy(() -> changes.get(stranger, c.id())).isInstanceOf(ChangeNotFound.class);
    assertThatThrownBy(() -> changes.accept(as(stranger), c.id(), "X"))
        .isInstanceOf(ChangeNotFound.class);
    assertThatThrownBy(() -> changes.cancel(as(stranger), c.id()))
        .isInstanceOf(ChangeNotFound.class);
    assertThat(changes.taskIdsInvolving(t, null, null, null)).containsExactly(only(c).taskId());
    assertThat(changes.taskIdsInvolving(stranger, null, null, null)).isEmpty();
  }

  // ---- expiry and reminders -----------------------------------------------------------------

  @Test
  void remindersGoToSilentPartiesThenTheRequestExpires() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet c = request(a, s, wanted(tech, x));
    accept(a, c);

    clock.advance(Duration.ofDays(6));
    long before = outbox.lastId();
    expiry.runDueWork();
    assertThat(mailSummary(c.id(), before)).isEmpty();

    clock.advance(Duration.ofDays(1));
    expiry.runDueWork();
    expiry.runDueWork();
    assertThat(mailSummary(c.id(), before)).containsExactly("CHANGE_REMINDER>" + x);

    clock.advance(Duration.ofDays(6));
    before = outbox.lastId();
    expiry.runDueWork();
    assertThat(mailSummary(c.id(), before)).containsExactly("CHANGE_REMINDER>" + x);

    clock.advance(Duration.ofDays(1));
    before = outbox.lastId();
    expiry.runDueWork();
    ChangeSet expired = changes.get(a, c.id());
    assertThat(expired.state()).isEqualTo(ChangeState.expired);
    assertThat(expired.reason()).isEqualTo(Reason.of("reason.expired", x.value()));
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder(
            "CHANGE_EXPIRED>" + a, "CHANGE_EXPIRED>" + x, "CHANGE_EXPIRED>" + t);
    assertThatThrownBy(() -> accept(x, c)).isInstanceOf(ChangeClosed.class);
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(t);
  }

  @Test
  void anAnswerAfterTheDeadlineExpiresTheRequestEvenBeforeTheJobRuns() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));

    clock.advance(Duration.ofDays(14));
    assertThatThrownBy(() -> accept(x, c)).isInstanceOf(ChangeClosed.class);

    assertThat(changes.get(a, c.id()).state()).isEqualTo(ChangeState.expired);
    assertThat(outbox.forChange(c.id()))
        .extracting(OutboxMessage::kind)
        .contains(MailKind.CHANGE_EXPIRED);
  }

  // ---- payment standing and the final re-check --------------------------------------------

  @Test
  void billingChangeIsBlockedWhenEitherAccountIsInDebt() {
    Nic a = fixtures.account();
    Nic indebted = fixtures.accountInDebt();
    Nic x = fixtures.account();
    HostedService owedBy = fixtures.service(a, a, indebted);
    HostedService clean = fixtures.serviceOwnedBy(a);

    assertThatThrownBy(() -> request(a, owedBy, wanted(billing, x)))
        .isInstanceOfSatisfying(
            PolicyViolation.class,
            v -> assertThat(v.rule()).isEqualTo("currentContactInGoodStanding"));
    assertThatThrownBy(() -> request(a, clean, wanted(billing, indebted)))
        .isInstanceOfSatisfying(
            PolicyViolation.class, v -> assertThat(v.rule()).isEqualTo("newContactInGoodStanding"));
    // the standing rule is about billing only by default
    assertThat(request(a, clean, wanted(tech, indebted)).state())
        .isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void theIndebtedAccountIsToldOnceADayAndTheAskerOnlyHearsAPaymentReason() {
    Nic a = fixtures.account();
    Nic indebted = fixtures.accountInDebt();
    Nic x = fixtures.account();
    HostedService owedBy = fixtures.service(a, a, indebted);
    HostedService clean = fixtures.serviceOwnedBy(a);
    long before = outbox.lastId();

    assertThatThrownBy(() -> request(a, owedBy, wanted(billing, x)))
        .hasMessageContaining("for a payment reason")
        .hasMessageNotContaining(indebted.value());
    assertThat(debtNotices(before)).containsExactly("DEBT_NOTICE>" + indebted);
    OutboxMessage notice = outbox.after(before).get(0);
    assertThat(notice.payload())
        .containsEntry("askingAccount", a.value())
        .containsEntry("serviceName", owedBy.name());

    // the same day, whatever the service or the side of the change: no second email
    assertThatThrownBy(() -> request(a, clean, wanted(billing, indebted)))
        .isInstanceOf(PolicyViolation.class);
    assertThatThrownBy(() -> request(a, owedBy, wanted(billing, x)))
        .isInstanceOf(PolicyViolation.class);
    assertThat(debtNotices(before)).hasSize(1);

    // a day later the next refusal tells it again; its own attempt tells no one
    clock.advance(Duration.ofDays(1));
    assertThatThrownBy(() -> request(a, clean, wanted(billing, indebted)))
        .isInstanceOf(PolicyViolation.class);
    assertThat(debtNotices(before)).hasSize(2);
    clock.advance(Duration.ofDays(1));
    HostedService itsOwn = fixtures.service(indebted, indebted, indebted);
    assertThatThrownBy(() -> request(indebted, itsOwn, wanted(billing, x)))
        .isInstanceOf(PolicyViolation.class);
    assertThat(debtNotices(before)).hasSize(2);
    // nothing else was written by the refused requests
    assertThat(changes.listInvolving(a, null, false, null, 10)).isEmpty();
  }

  private List<String> debtNotices(long afterId) {
    return outbox.after(afterId).stream()
        .filter(m -> m.kind() == MailKind.DEBT_NOTICE)
        .map(m -> m.kind() + ">" + m.recipientNic())
        .toList();
  }

  @Test
  void billingChangeIsRefusedAtTheFinalCheckWhenDebtAppearsMeanwhile() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(billing, x));
    accept(a, c);

    fixtures.putInDebt(x);
    long before = outbox.lastId();
    ChangeSet refused = accept(x, c);

    assertThat(refused.state()).isEqualTo(ChangeState.refused);
    assertThat(refused.reason().key()).isEqualTo("policy.newContactInGoodStanding");
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
    assertThat(mailSummary(c.id(), before))
        .containsExactlyInAnyOrder("CHANGE_REFUSED>" + a, "CHANGE_REFUSED>" + x);
    assertThat(audit.forChange(c.id()))
        .extracting(AuditEntry::action)
        .containsSubsequence(
            "change.requested",
            "change.validatingByCustomers",
            "party.accepted",
            "party.accepted",
            "change.checkValidity",
            "change.refused");
  }

  @Test
  void theFinalCheckRefusesWhenTheAskerLostTheRoleMeanwhile() {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    Nic newAdmin = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet techChange = request(a, s, wanted(tech, x));
    accept(a, techChange);

    ChangeSet adminChange = request(a, s, wanted(admin, newAdmin));
    accept(a, adminChange);
    accept(newAdmin, adminChange);
    assertThat(fixtures.contactsOf(s).admin()).isEqualTo(newAdmin);

    ChangeSet refused = accept(x, techChange);
    assertThat(refused.state()).isEqualTo(ChangeState.refused);
    assertThat(refused.reason().key()).isEqualTo("policy.othersHandOverOnlyTheirOwnRole");
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(newAdmin, t, a));
  }

  @Test
  void everyTransitionAndCodeEventIsAuditedWithTheClientAddress() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = request(a, s, wanted(tech, x));
    accept(a, c);
    accept(x, c);

    List<AuditEntry> trail = audit.forChange(c.id());
    assertThat(trail)
        .extracting(AuditEntry::action)
        .containsExactly(
            "change.requested",
            "change.validatingByCustomers",
            "party.accepted",
            "party.accepted",
            "change.checkValidity",
            "change.doing",
            "change.done");
    assertThat(trail).allSatisfy(e -> assertThat(e.clientAddress()).isEqualTo("203.0.113.7"));
    assertThat(trail).extracting(AuditEntry::actor).contains(a.value(), x.value());
  }
}
