package org.handover.owner;

import java.util.concurrent.atomic.AtomicInteger;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.system.Actor;

/** Domains with an owner record, and the links and codes emailed to registrants. */
public final class OwnerFixtures {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private OwnerFixtures() {}

  /** What a registrant's email gives them: the page's link reference and the code. */
  public record Letter(String link, String code) {}

  /** A domain with these contacts whose owner is "Old Owner" at a fresh address. */
  public static HostedService domain(HostedServices services, Contacts contacts) {
    int n = SEQUENCE.incrementAndGet();
    String name = "owned-" + System.nanoTime() + "-" + n + ".example";
    return services.register(
        new NewService(
            ServiceType.domain,
            name,
            name,
            HostedService.Status.ok,
            null,
            contacts,
            DomainOwner.of(
                "Old Owner", "Old Ltd", "old-" + n + "@registrant.example", "1 Old Road", null)),
        Actor.system());
  }

  /** A fresh registrant email address. */
  public static String newEmail() {
    return "new-" + SEQUENCE.incrementAndGet() + "@registrant.example";
  }

  /** The link and code emailed to this address for this owner change. */
  public static Letter letterTo(Outbox outbox, long changeId, String email) {
    return outbox.newest(0, 500).stream()
        .filter(m -> m.kind() == MailKind.OWNER_CHANGE_CODE)
        .filter(m -> m.recipientEmail().equals(email))
        .filter(
            m -> String.valueOf(changeId).equals(String.valueOf(m.payload().get("ownerChangeId"))))
        .findFirst()
        .map(m -> new Letter((String) m.payload().get("link"), (String) m.payload().get("code")))
        .orElseThrow(() -> new AssertionError("no owner code sent to " + email));
  }

  /** The emails of one kind about this owner change. */
  public static java.util.List<OutboxMessage> mails(Outbox outbox, long changeId, MailKind kind) {
    return outbox.newest(0, 500).stream()
        .filter(m -> m.kind() == kind)
        .filter(
            m -> String.valueOf(changeId).equals(String.valueOf(m.payload().get("ownerChangeId"))))
        .toList();
  }
}
