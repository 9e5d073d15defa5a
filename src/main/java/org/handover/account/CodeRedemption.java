package org.handover.account;

import java.time.Clock;
import java.util.function.Consumer;
import org.handover.audit.AuditLog;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes an emailed account code and runs the change it authorises in one transaction; a wrong
 * code's failure count (and its audit row) is committed before the refusal is thrown.
 */
@Component
class CodeRedemption {

  private final AccountCodes codes;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate tx;

  CodeRedemption(AccountCodes codes, AuditLog audit, Clock clock, TransactionTemplate tx) {
    this.codes = codes;
    this.audit = audit;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * @throws AccountCodes.InvalidCode when the code is not the account's live one for purpose
   */
  void redeem(
      Account account,
      AccountCodes.Purpose purpose,
      String code,
      Actor actor,
      Consumer<AccountCodes.Issued> change) {
    HandoverException refusal =
        tx.execute(
            s -> {
              try {
                change.accept(codes.consume(account.nic(), purpose, code, clock.instant()));
                audit.record(actor, "account." + purpose + "Changed", null, null, null);
                return null;
              } catch (AccountCodes.InvalidCode wrong) {
                audit.record(actor, "account.codeRejected", null, null, purpose.name());
                return wrong;
              }
            });
    if (refusal != null) {
      throw refusal;
    }
  }
}
