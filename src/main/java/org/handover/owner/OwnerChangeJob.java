package org.handover.owner;

import org.handover.system.HandoverProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires owner changes past their deadline (the contact changes' {@code handover.change.expiry}),
 * on every instance: each is handled under its row lock and re-checked, so none ends twice.
 */
@Component
class OwnerChangeJob {

  private static final Logger log = LoggerFactory.getLogger(OwnerChangeJob.class);

  private final OwnerChanges changes;
  private final boolean enabled;

  OwnerChangeJob(OwnerChanges changes, HandoverProperties properties) {
    this.changes = changes;
    this.enabled = properties.change().jobsEnabled();
  }

  @Scheduled(
      fixedDelayString = "${handover.change.job-interval:PT1M}",
      initialDelayString = "${handover.change.job-interval:PT1M}")
  void scheduled() {
    if (enabled) {
      int expired = changes.expireDue();
      if (expired > 0) {
        log.info("Expired {} owner changes", expired);
      }
    }
  }
}
