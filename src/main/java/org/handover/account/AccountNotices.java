package org.handover.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.Recipient;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security notices to an account's own address, in its language, through the outbox (so in the
 * transaction of the change they report).
 */
@Component
public class AccountNotices {

  private final AccountRepository repository;
  private final Outbox outbox;
  private final Clock clock;

  AccountNotices(AccountRepository repository, Outbox outbox, Clock clock) {
    this.repository = repository;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Queues a notice of this kind; {@code detail} (a name, a device, an address) may be null. */
  @Transactional
  public void send(Nic nic, MailKind kind, String detail) {
    repository.find(nic).ifPresent(account -> send(account, account.recipient(), kind, detail));
  }

  /** Queues a notice whose detail is written in the account's language. */
  @Transactional
  public void sendWritten(Nic nic, MailKind kind, Function<Locale, String> detail) {
    repository
        .find(nic)
        .ifPresent(
            account ->
                send(
                    account, account.recipient(), kind, detail.apply(account.language().locale())));
  }

  void send(Account account, Recipient to, MailKind kind, String detail) {
    outbox.enqueue(kind, to, AccountMail.notice(account, detail), null);
  }

  /** Queues an email carrying a code (in a link or to type) to the account's own address. */
  void sendCode(Account account, MailKind kind, ConfirmationCode code) {
    outbox.enqueue(kind, account.recipient(), AccountMail.withCode(account, code.text()), null);
  }

  /**
   * Tells an account that a contact change someone else asked for was refused because of its
   * overdue payments (the asker is only told "a payment reason"). At most one such email per
   * account and day, in a transaction of its own: the refused request itself writes nothing.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void debtBlockedChange(Nic indebted, Nic asker, String role, String service) {
    Instant now = clock.instant();
    Account account = repository.find(indebted).orElse(null);
    if (account == null
        || !repository.takeDebtNotice(indebted, now, now.minus(Duration.ofDays(1)))) {
      return;
    }
    var mail =
        new DebtNoticeMail(
            account.nic().value(), account.displayName(), asker.value(), List.of(role), service);
    outbox.enqueue(MailKind.DEBT_NOTICE, account.recipient(), mail, null);
  }
}
