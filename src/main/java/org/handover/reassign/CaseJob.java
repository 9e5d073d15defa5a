package org.handover.reassign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies cases whose cooling-off is over and expires overdue ones, on every instance: each case is
 * handled under its row lock and re-checked, so two instances never apply one twice.
 */
@Component
class CaseJob {

  private static final Logger log = LoggerFactory.getLogger(CaseJob.class);

  private final Reassignments reassignments;
  private final boolean enabled;

  CaseJob(Reassignments reassignments, SupportSettings settings) {
    this.reassignments = reassignments;
    this.enabled = settings.jobsEnabled();
  }

  @Scheduled(
      fixedDelayString = "${handover.support.job-interval:PT1M}",
      initialDelayString = "${handover.support.job-interval:PT1M}")
  void scheduled() {
    if (enabled) {
      int handled = reassignments.runDueWork();
      if (handled > 0) {
        log.info("Applied or expired {} reassignment cases", handled);
      }
    }
  }
}
