package org.handover.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.support.Fixtures.as;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.change.ChangeSettings;
import org.handover.contact.Contacts;
import org.handover.contact.PolicyViolation;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.owner.OwnerErrors.NoOpenOwnerChange;
import org.handover.owner.OwnerErrors.NothingToChange;
import org.handover.owner.OwnerErrors.OwnerChangeAlreadyOpen;
import org.handover.owner.OwnerErrors.OwnerChangeEnded;
import org.handover.owner.OwnerErrors.TooManyOwnerCodes;
import org.handover.owner.OwnerErrors.WrongOwnerCode;
import org.handover.owner.OwnerFixtures.Letter;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The owner (registrant) change end to end through {@link OwnerChanges}, on each database a
 * subclass points it at: both registrants confirm, one refuses, wrong and used codes, expiry,
 * cancellation, who may ask, one open change per domain, corrections, the emails and audit rows.
 * The transfer lock is checked against whatever {@code handover.owner.transfer-lock} the subclass
 * sets (the H2 run has none, the PostgreSQL run sets P30D).
 */
abstract class OwnerChangeWorkflowTests extends IntegrationTest {

  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  @Autowired OwnerChanges owners;
  @Autowired HostedServices services;
  @Autowired Outbox outbox;
  @Autowired AuditLog audit;
  @Autowired OwnerChangeSettings settings;
  @Autowired HandoverProperties properties;
  @Autowired ChangeSettings changeSettings;
  @Autowired MailTemplates templates;

  private Nic admin;
  private Nic tech;
  private HostedService domain;
  private String oldEmail;
  private String address;

  @BeforeEach
  void domainWithAnOwner() {
    admin = fixtures.account();
    tech = fixtures.account();
    domain = OwnerFixtures.domain(services, new Contacts(admin, tech, admin));
    oldEmail = owner().email();
    address = "192.0.2." + (ADDRESSES.incrementAndGet() % 250 + 1);
  }

  private DomainOwner owner() {
    return services.ownerOf(domain.id()).orElseThrow();
  }

  private OwnerChange requestNewOwner(String email) {
    return owners
        .submit(
            as(admin),
            domain.name(),
            DomainOwner.of("New Owner", "New SARL", email, "2 New Street", "+33 1 23 45 67 89"))
        .change()
        .orElseThrow();
  }

  private List<AuditEntry> ownerAudit() {
    return audit.search(List.of(domain.id()), null, null, null, 0, 50).stream()
        .filter(e -> e.action().startsWith("owner."))
        .toList();
  }

  private static List<String> recipients(List<OutboxMessage> mails) {
    return mails.stream()
        .map(m -> m.recipientNic() != null ? m.recipientNic() : m.recipientEmail())
        .sorted()
        .toList();
  }

  @Test
  void bothRegistrantsConfirmAndTheOwnerIsReplacedWithTheTransferLock() {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestNewOwner(newEmail);
    assertThat(c.state()).isEqualTo(OwnerChangeState.open);
    assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(changeSettings.expiry()));
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    Letter incoming = OwnerFixtures.letterTo(outbox, c.id(), newEmail);
    assertThat(current.code()).isNotEqualTo(incoming.code());
    assertThat(current.link()).isNotEqualTo(incoming.link());

    OwnerChange waiting = owners.answer(current.link(), current.code(), true, null, address);
    assertThat(waiting.state()).isEqualTo(OwnerChangeState.open);
    assertThat(owner().name()).isEqualTo("Old Owner");

    OwnerChange done = owners.answer(incoming.link(), incoming.code(), true, null, address);
    assertThat(done.state()).isEqualTo(OwnerChangeState.applied);
    DomainOwner now = owner();
    assertThat(now.name()).isEqualTo("New Owner");
    assertThat(now.organisation()).isEqualTo("New SARL");
    assertThat(now.email()).isEqualTo(newEmail);
    assertThat(now.address()).isEqualTo("2 New Street");
    assertThat(now.phone()).isEqualTo("+33 1 23 45 67 89");
    Instant expectedLock = settings.lock().map(clock.instant()::plus).orElse(null);
    assertThat(now.transferLockedUntil()).isEqualTo(expectedLock);

    assertThat(recipients(OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_DONE)))
        .containsExactlyInAnyOrder(admin.value(), oldEmail, newEmail);
    assertThat(ownerAudit())
        .extracting(AuditEntry::action)
        .containsExactlyInAnyOrder(
            "owner.change.requested",
            "owner.change.confirmed",
            "owner.change.confirmed",
            "owner.change.applied");
    assertThat(ownerAudit())
        .allSatisfy(
            e -> {
              assertThat(e.detail()).contains("ownerChange=" + c.id());
              assertThat(e.detail()).doesNotContain(current.code()).doesNotContain(incoming.code());
            });
    assertThat(ownerAudit())
        .filteredOn(e -> e.action().equals("owner.change.applied"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("New Owner").contains(newEmail));
  }

  @Test
  void theCodeEmailsNameTheRightPeopleAndTheAdminIsTold() {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestNewOwner(newEmail);

    List<OutboxMessage> codes = OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_CODE);
    assertThat(recipients(codes)).containsExactlyInAnyOrder(oldEmail, newEmail);
    assertThat(codes)
        .allSatisfy(
            m -> {
              assertThat(m.recipientNic()).isNull();
              assertThat(m.payload().get("fromAccount").toString()).contains(oldEmail);
              assertThat(m.payload().get("toAccount").toString()).contains(newEmail);
              assertThat(m.payload().get("askingAccount")).isEqualTo(admin.value());
            });
    assertThat(codes)
        .filteredOn(m -> m.recipientEmail().equals(oldEmail))
        .singleElement()
        .satisfies(m -> assertThat(m.payload().get("recipientName")).isEqualTo("Old Owner"));
    assertThat(recipients(OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_REQUESTED)))
        .containsExactly(admin.value());
    assertThat(c.parties())
        .extracting(p -> p.registrant().code() + ":" + p.email())
        .containsExactly("current:" + oldEmail, "new:" + newEmail);
  }

  @Test
  void whenTheEmailStaysTheSameOnePersonConfirmsWithOneCode() {
    OwnerChange c =
        owners
            .submit(
                as(admin),
                domain.name(),
                DomainOwner.of("Renamed Owner", "Old Ltd", oldEmail, "1 Old Road", null))
            .change()
            .orElseThrow();
    assertThat(c.parties()).hasSize(1);
    assertThat(recipients(OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_CODE)))
        .containsExactly(oldEmail);
    Letter only = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);

    assertThat(owners.answer(only.link(), only.code(), true, null, address).state())
        .isEqualTo(OwnerChangeState.applied);
    assertThat(owner().name()).isEqualTo("Renamed Owner");
  }

  @Test
  void oneRefusalEndsTheChangeAndNothingChanges() {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestNewOwner(newEmail);
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    Letter incoming = OwnerFixtures.letterTo(outbox, c.id(), newEmail);
    owners.answer(incoming.link(), incoming.code(), true, null, address);

    OwnerChange refused =
        owners.answer(current.link(), current.code(), false, "I never sold it", address);
    assertThat(refused.state()).isEqualTo(OwnerChangeState.refused);
    assertThat(refused.endReason()).isEqualTo("I never sold it");
    assertThat(owner().name()).isEqualTo("Old Owner");
    assertThat(owner().email()).isEqualTo(oldEmail);
    assertThat(owner().transferLockedUntil()).isNull();
    List<OutboxMessage> told = OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_REFUSED);
    assertThat(recipients(told)).containsExactlyInAnyOrder(admin.value(), oldEmail, newEmail);
    for (OutboxMessage mail : told) {
      String text = templates.render(mail).text();
      boolean refuser = oldEmail.equals(mail.recipientEmail());
      assertThat(text)
          .as("the refusal as %s reads it", mail.recipientEmail())
          .contains(refuser ? "You refused owner change" : "was refused by one of the owners")
          .doesNotContain(refuser ? "one of the owners" : "You refused");
    }
    assertThat(ownerAudit())
        .extracting(AuditEntry::action)
        .contains("owner.change.refused")
        .doesNotContain("owner.change.applied");
    assertThatThrownBy(() -> owners.openChange(admin, domain.name()))
        .isInstanceOf(NoOpenOwnerChange.class);
  }

  @Test
  void wrongCodesAreCountedAndTheCodeIsVoidAfterTheLimit() {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestNewOwner(newEmail);
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    int limit = changeSettings.maxCodeFailures();

    for (int i = 0; i < limit; i++) {
      assertThatThrownBy(() -> owners.answer(current.link(), "AAAA-BBBB-CCCC", true, null, address))
          .isInstanceOf(WrongOwnerCode.class);
    }
    // the right code no longer works for this registrant
    assertThatThrownBy(() -> owners.answer(current.link(), current.code(), true, null, address))
        .isInstanceOf(WrongOwnerCode.class);
    assertThat(
            owners
                .openChange(admin, domain.name())
                .party(Registrant.current)
                .orElseThrow()
                .status())
        .isEqualTo(OwnerChange.PartyAnswer.pending);
    // the other registrant's code is untouched
    Letter incoming = OwnerFixtures.letterTo(outbox, c.id(), newEmail);
    assertThat(owners.answer(incoming.link(), incoming.code(), true, null, address).state())
        .isEqualTo(OwnerChangeState.open);
    assertThat(owner().name()).isEqualTo("Old Owner");
  }

  @Test
  void aUsedCodeIsRefused() {
    OwnerChange c = requestNewOwner(OwnerFixtures.newEmail());
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    owners.answer(current.link(), current.code(), true, null, address);

    assertThatThrownBy(() -> owners.answer(current.link(), current.code(), false, null, address))
        .isInstanceOf(WrongOwnerCode.class);
    OwnerChange still = owners.openChange(admin, domain.name());
    assertThat(still.state()).isEqualTo(OwnerChangeState.open);
    assertThat(still.party(Registrant.current).orElseThrow().status())
        .isEqualTo(OwnerChange.PartyAnswer.accepted);
  }

  @Test
  void anUnknownLinkGetsTheSameRefusalAsAWrongCodeAndTheAddressIsThrottled() {
    requestNewOwner(OwnerFixtures.newEmail());
    HandoverException unknown =
        catchRefusal(() -> owners.answer("NOSUCHLINK0000", "AAAA", true, null, address));
    assertThat(unknown).isInstanceOf(WrongOwnerCode.class);

    int limit = properties.security().addressFailures();
    for (int i = 1; i < limit; i++) {
      String link = "NOSUCHLINK" + i;
      assertThat(catchRefusal(() -> owners.answer(link, "AAAA", true, null, address)))
          .isInstanceOf(WrongOwnerCode.class);
    }
    assertThat(catchRefusal(() -> owners.answer("NOSUCHLINK", "AAAA", true, null, address)))
        .isInstanceOf(TooManyOwnerCodes.class);
  }

  private static HandoverException catchRefusal(Runnable call) {
    try {
      call.run();
    } catch (HandoverException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void itExpiresAfterTheContactChangeDeadline() {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestNewOwner(newEmail);
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    owners.answer(current.link(), current.code(), true, null, address);

    clock.advance(changeSettings.expiry().minus(Duration.ofMinutes(1)));
    owners.expireDue();
    assertThat(owners.openChange(admin, domain.name()).state()).isEqualTo(OwnerChangeState.open);

    clock.advance(Duration.ofMinutes(1));
    assertThat(owners.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
    Letter incoming = OwnerFixtures.letterTo(outbox, c.id(), newEmail);
    assertThatThrownBy(() -> owners.answer(incoming.link(), incoming.code(), true, null, address))
        .isInstanceOf(OwnerChangeEnded.class);
    assertThat(owner().name()).isEqualTo("Old Owner");
    assertThat(recipients(OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_EXPIRED)))
        .containsExactlyInAnyOrder(admin.value(), oldEmail, newEmail);
    assertThat(ownerAudit()).extracting(AuditEntry::action).contains("owner.change.expired");
  }

  @Test
  void theAdminCancelsAndNothingChanges() {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestNewOwner(newEmail);

    assertThatThrownBy(() -> owners.cancel(as(tech), domain.name()))
        .isInstanceOf(PolicyViolation.class);
    OwnerChange cancelled = owners.cancel(as(admin), domain.name());
    assertThat(cancelled.state()).isEqualTo(OwnerChangeState.cancelled);
    Letter incoming = OwnerFixtures.letterTo(outbox, c.id(), newEmail);
    assertThatThrownBy(() -> owners.answer(incoming.link(), incoming.code(), true, null, address))
        .isInstanceOf(OwnerChangeEnded.class);
    assertThat(owner().name()).isEqualTo("Old Owner");
    assertThat(recipients(OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_CANCELLED)))
        .containsExactlyInAnyOrder(admin.value(), oldEmail, newEmail);
    assertThat(ownerAudit()).extracting(AuditEntry::action).contains("owner.change.cancelled");
    // the domain is free for a new change
    assertThat(requestNewOwner(OwnerFixtures.newEmail()).state()).isEqualTo(OwnerChangeState.open);
  }

  @Test
  void anOperatorAbortsWithAReason() {
    OwnerChange c = requestNewOwner(OwnerFixtures.newEmail());
    OwnerChange aborted =
        owners.abort(Actor.operator("ops", "192.0.2.9"), domain.name(), "court order 12");
    assertThat(aborted.state()).isEqualTo(OwnerChangeState.cancelled);
    assertThat(aborted.endReason()).isEqualTo("court order 12");
    assertThat(OwnerFixtures.mails(outbox, c.id(), MailKind.OWNER_CHANGE_CANCELLED))
        .allSatisfy(m -> assertThat(m.payload().get("reason")).isEqualTo("court order 12"));
  }

  @Test
  void aContactWhoIsNotTheAdminCannotRequest() {
    assertThatThrownBy(
            () ->
                owners.submit(
                    as(tech),
                    domain.name(),
                    DomainOwner.of("Tech Owner", null, "t@example.org", "Somewhere", null)))
        .isInstanceOf(PolicyViolation.class)
        .extracting(e -> ((HandoverException) e).kind())
        .isEqualTo(HandoverException.Kind.FORBIDDEN);
    assertThat(owners.view(tech, domain.name()).openChange()).isEmpty();
    assertThat(owner().name()).isEqualTo("Old Owner");
  }

  @Test
  void aSecondOpenChangeIsRefused() {
    OwnerChange first = requestNewOwner(OwnerFixtures.newEmail());
    HandoverException second = catchRefusal(() -> requestNewOwner(OwnerFixtures.newEmail()));
    assertThat(second).isInstanceOf(OwnerChangeAlreadyOpen.class);
    assertThat(second.kind()).isEqualTo(HandoverException.Kind.CONFLICT);
    assertThat(second.getMessage()).contains(String.valueOf(first.id()));
    // a correction waits too: applying the change would undo it
    assertThat(
            catchRefusal(
                () ->
                    owners.submit(
                        as(admin),
                        domain.name(),
                        DomainOwner.of("Old Owner", "Old Ltd", oldEmail, "9 Other Road", null))))
        .isInstanceOf(OwnerChangeAlreadyOpen.class);
  }

  @Test
  void anAddressCorrectionAppliesAtOnceAndIsNotified() {
    long before = outbox.lastId();
    OwnerChanges.Submitted done =
        owners.submit(
            as(admin),
            domain.name(),
            DomainOwner.of("Old Owner", "Old Ltd", oldEmail, "3 Corrected Road", "+39 06 1234"));
    assertThat(done.corrected()).isTrue();
    assertThat(owner().address()).isEqualTo("3 Corrected Road");
    assertThat(owner().phone()).isEqualTo("+39 06 1234");
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
    List<OutboxMessage> notices =
        outbox.after(before).stream().filter(m -> m.kind() == MailKind.OWNER_CORRECTED).toList();
    assertThat(recipients(notices)).containsExactlyInAnyOrder(admin.value(), oldEmail);
    assertThat(notices)
        .allSatisfy(
            m -> assertThat(m.payload().get("toAccount").toString()).contains("3 Corrected"));
    assertThat(ownerAudit())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("owner.corrected");
              assertThat(e.detail()).contains("address").contains("phone");
            });

    assertThatThrownBy(
            () ->
                owners.submit(
                    as(admin),
                    domain.name(),
                    DomainOwner.of(
                        "Old Owner", "Old Ltd", oldEmail, "3 Corrected Road", "+39 06 1234")))
        .isInstanceOf(NothingToChange.class);
  }

  @Test
  void badOwnerFieldsAreRefusedAndNothingIsCreated() {
    for (DomainOwner bad :
        List.of(
            DomainOwner.of("", null, "x@example.org", "1 Road", null),
            DomainOwner.of("Name", null, "not an email", "1 Road", null),
            DomainOwner.of("Name", null, "x@example.org", "", null),
            DomainOwner.of("Name", "Org\nWith a break", "x@example.org", "1 Road", null),
            DomainOwner.of("Name", null, "x@example.org", "1 Road", "call me maybe"))) {
      assertThat(catchRefusal(() -> owners.submit(as(admin), domain.name(), bad)).kind())
          .isEqualTo(HandoverException.Kind.BAD_REQUEST);
    }
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
    assertThat(ownerAudit()).isEmpty();
  }
}
