package org.handover.account;

import java.util.HashMap;
import java.util.Map;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.Recipient;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security notices to an account's own address, in its language, through the outbox (so in the
 * transaction of the change they report).
 */
@Component
public class AccountNotices {

  private final AccountRepository repository;
  private final Outbox outbox;

  AccountNotices(AccountRepository repository, Outbox outbox) {
    this.repository = repository;
    this.outbox = outbox;
  }

  /** Queues a notice of this kind; {@code detail} (a name, a device, an address) may be null. */
  @Transactional
  public void send(Nic nic, MailKind kind, String detail) {
    repository.find(nic).ifPresent(account -> send(account, account.recipient(), kind, detail));
  }

  void send(Account account, Recipient to, MailKind kind, String detail) {
    Map<String, Object> data = new HashMap<>();
    data.put("nic", account.nic().value());
    data.put("recipientName", account.displayName());
    if (detail != null) {
      data.put("detail", detail);
    }
    outbox.enqueue(kind, to, data, null);
  }
}
