package org.handover.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handover.account.AccountLockdown;
import org.handover.audit.SecurityReason;
import org.handover.catalog.ServiceType;
import org.handover.change.ContactChangeEvent;
import org.handover.change.EventData;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How policies end without their owner's revoking them, each end audited and emailed: at their
 * expiry (a decision counts the expiry at once; {@link AccessJob} then records the end), when a
 * grantee is suspended (their part ends), and when the owner stops administering a service (the
 * policy stops reaching it, and ends when it reaches nothing else). The last is recorded in the
 * transaction of the hand-over itself, and swept by the job for changes made outside change sets.
 */
@Component
class AccessLifecycle {

  /** Rows one sweep handles at most; the next run takes the rest. */
  static final int BATCH = 500;

  private final AccessRepository repository;
  private final AccessNotices notices;
  private final Clock clock;

  AccessLifecycle(AccessRepository repository, AccessNotices notices, Clock clock) {
    this.repository = repository;
    this.notices = notices;
    this.clock = clock;
  }

  /** A suspended grantee's parts end, in the suspension's transaction. */
  @EventListener
  public void on(AccountLockdown lockdown) {
    if (lockdown.reason() != SecurityReason.suspended) {
      return;
    }
    Instant now = clock.instant();
    for (Policy p : repository.grantedTo(lockdown.nic())) {
      if (repository.endGrantee(p.id(), lockdown.nic(), "suspended", now)) {
        notices.tell(
            AccessEvent.suspended, p, List.of(lockdown.nic()), p.resources(), Actor.system());
      }
    }
  }

  /** A change set moved a service's contacts: policies of a former administrator stop there. */
  @EventListener
  public void on(ContactChangeEvent event) {
    if (!"service.contactsChanged".equals(event.type())) {
      return;
    }
    for (EventData.Item item : event.data().items()) {
      if (item.contactTypes().contains("contactAdmin")) {
        ServiceType.parse(item.serviceType())
            .ifPresent(t -> endStale(new ResourceRef(t, item.serviceDomain())));
      }
    }
  }

  /** Records the end of every policy past its expiry; returns how many ended. */
  @Transactional
  public int expireDue() {
    Instant now = clock.instant();
    int ended = 0;
    for (String id : repository.dueToExpire(now, BATCH)) {
      Policy p = repository.find(id).orElseThrow();
      if (repository.end(id, "expired", now)) {
        notices.tell(AccessEvent.expired, p, p.grantees(), p.resources(), Actor.system());
        ended++;
      }
    }
    return ended;
  }

  /**
   * Stops policies reaching services their owner no longer administers (of one service, or all when
   * {@code only} is null); returns how many such resources it ended.
   */
  @Transactional
  public int endStale(ResourceRef only) {
    Instant now = clock.instant();
    int ended = 0;
    for (AccessRepository.Stale stale : repository.ownerNoLongerAdmin(only, BATCH)) {
      Policy before = repository.find(stale.policyId()).orElseThrow();
      if (!repository.endResource(stale.policyId(), stale.resource(), now)) {
        continue;
      }
      ended++;
      if (before.resources().size() == 1) {
        repository.end(stale.policyId(), "adminChanged", now);
      }
      notices.tell(
          AccessEvent.adminChanged,
          before,
          before.grantees(),
          List.of(stale.resource()),
          Actor.system());
    }
    return ended;
  }

  /** The policies of {@code admin} that a hand-over of this service's admin role would stop. */
  List<Policy> endingWhenAdminLeaves(ResourceRef service, Nic admin) {
    return repository.reaching(admin, service.type(), service.name());
  }
}
