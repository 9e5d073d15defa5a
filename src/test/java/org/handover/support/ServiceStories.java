package org.handover.support;

import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;

import java.time.Duration;
import java.util.List;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.change.ChangeSet;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.owner.OwnerChanges;
import org.handover.reassign.ReassignmentCase;
import org.handover.reassign.Reassignments;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.boot.test.context.TestComponent;

/** A domain with a past: the events a service's history shows, made through the real workflows. */
@TestComponent
public class ServiceStories {

  /** The support agent of {@link #domainWithAPast}; their name must never reach a customer. */
  public static final Actor AGENT = Actor.operator("staff:alice-agent", "192.0.2.1");

  /** The evidence of the case of {@link #domainWithAPast}; staff-only. */
  public static final String EVIDENCE = "ticket 4711, passport checked";

  /** The actions of {@link #domainWithAPast}'s history, newest first. */
  public static final List<String> ACTIONS_NEWEST_FIRST =
      List.of(
          "case.applied",
          "case.opened",
          "owner.corrected",
          "change.refused",
          "change.requested",
          "change.done",
          "change.requested",
          "service.created");

  private final Fixtures fixtures;
  private final ChangeUseCases changes;
  private final Reassignments cases;
  private final HostedServices services;
  private final OwnerChanges owners;
  private final Outbox outbox;
  private final MutableClock clock;

  public ServiceStories(
      Fixtures fixtures,
      ChangeUseCases changes,
      Reassignments cases,
      HostedServices services,
      OwnerChanges owners,
      Outbox outbox,
      MutableClock clock) {
    this.fixtures = fixtures;
    this.changes = changes;
    this.cases = cases;
    this.services = services;
    this.owners = owners;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * What happened to {@link #service}, oldest first: {@link #owner} (holding every role) handed
   * tech to {@link #techBefore} (set {@link #applied}, done); asked billing for {@link #refuser},
   * who refused (set {@link #refused}); corrected the owner record; then support reassigned tech to
   * {@link #techNow} (case {@link #caseId}).
   */
  public record Story(
      HostedService service,
      Nic owner,
      Nic techBefore,
      Nic refuser,
      Nic techNow,
      long applied,
      long refused,
      long caseId) {}

  public Story domainWithAPast() {
    Nic a = fixtures.account();
    Nic b = fixtures.account();
    Nic c = fixtures.account();
    Nic d = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet one = changes.request(as(a), s.type(), s.name(), Fixtures.wanted(tech, b)).get();
    changes.accept(as(a), one.id(), fixtures.codeFor(one.id(), a));
    changes.accept(as(b), one.id(), fixtures.codeFor(one.id(), b));
    ChangeSet two = changes.request(as(a), s.type(), s.name(), Fixtures.wanted(billing, c)).get();
    changes.refuse(as(c), two.id(), fixtures.codeFor(two.id(), c), "not mine");
    // the domain has no owner record yet: the first one is set at once, as a correction
    owners.submit(
        as(a),
        s.name(),
        DomainOwner.of("Ada Owner", null, "ada@example.org", "1 Main Street", null));
    ReassignmentCase opened =
        cases.open(AGENT, s.type(), List.of(s.name()), tech, d, EVIDENCE, "tech left");
    cases.confirm(as(d), opened.id(), caseCode(opened.id()));
    clock.advance(Duration.ofDays(8));
    cases.runDueWork();
    return new Story(
        services.find(s.id()).orElseThrow(), a, b, c, d, one.id(), two.id(), opened.id());
  }

  private String caseCode(long caseId) {
    return outbox.newest(0, 500).stream()
        .filter(m -> m.kind() == MailKind.CASE_CODE)
        .filter(m -> String.valueOf(caseId).equals(String.valueOf(m.payload().get("caseId"))))
        .findFirst()
        .map(m -> (String) m.payload().get("code"))
        .orElseThrow(() -> new AssertionError("no case code sent for case " + caseId));
  }
}
