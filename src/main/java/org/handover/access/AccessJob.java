package org.handover.access;

import org.handover.change.ChangeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records the ends that happen without a request: expired policies, and resources whose
 * administrator changed outside a change set. Safe on every instance at once: each end is one
 * conditional update, so none is recorded or emailed twice.
 */
@Component
class AccessJob {

  private static final Logger log = LoggerFactory.getLogger(AccessJob.class);

  private final AccessLifecycle lifecycle;
  private final boolean enabled;

  AccessJob(AccessLifecycle lifecycle, ChangeSettings settings) {
    this.lifecycle = lifecycle;
    this.enabled = settings.jobsEnabled();
  }

  @Scheduled(
      fixedDelayString = "${handover.change.job-interval:PT1M}",
      initialDelayString = "${handover.change.job-interval:PT1M}")
  void scheduled() {
    if (enabled) {
      int expired = lifecycle.expireDue();
      int stale = lifecycle.endStale(null);
      if (expired + stale > 0) {
        log.info("Ended {} expired access policies and {} stale resources", expired, stale);
      }
    }
  }
}
