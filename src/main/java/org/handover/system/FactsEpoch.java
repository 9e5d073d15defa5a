package org.handover.system;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A counter of this instance that moves after every committed write of what an access decision
 * reads: an account created or its state changed, a service created, its contacts changed or
 * deleted, a policy, its identities or resources written. The repositories that write those rows
 * ({@code AccountRepository}, {@code ServiceRepository}, {@code AccessRepository}) call {@link
 * #moved} in the same methods; {@code access/NearFacts} drops every fact it read before the counter
 * moved, so this instance answers the next decision from the database. Other instances learn of the
 * write through the near cache's time to live alone (at most one second by default).
 */
@Component
public class FactsEpoch {

  private final AtomicLong epoch = new AtomicLong();

  /** The counter now. */
  public long current() {
    return epoch.get();
  }

  /**
   * Moves the counter at once, and again when the caller's transaction ends: a read between the
   * write and the commit still sees the old rows, and is dropped by the second move.
   */
  public void moved() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              epoch.incrementAndGet();
            }
          });
    }
    epoch.incrementAndGet();
  }
}
