package org.handover.support;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.handover.account.AccountAdministration;
import org.handover.account.AccountOpening;
import org.handover.account.Accounts;
import org.handover.account.NewAccount;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.springframework.boot.test.context.TestComponent;

/**
 * Named fixtures for integration tests: fresh accounts and services, codes read from the outbox.
 */
@TestComponent
public class Fixtures {

  /** The password of accounts made by {@link #accountThatSignsIn}. */
  public static final String PASSWORD = "correct horse battery";

  /** The client address tests act from. */
  public static final String CLIENT_ADDRESS = "203.0.113.7";

  private static final AtomicLong SEQUENCE =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000));

  private final Accounts accounts;
  private final AccountOpening opening;
  private final AccountAdministration administration;
  private final HostedServices services;
  private final Outbox outbox;
  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

  public Fixtures(
      Accounts accounts,
      AccountOpening opening,
      AccountAdministration administration,
      HostedServices services,
      Outbox outbox,
      org.springframework.jdbc.core.simple.JdbcClient jdbc) {
    this.accounts = accounts;
    this.opening = opening;
    this.administration = administration;
    this.services = services;
    this.outbox = outbox;
    this.jdbc = jdbc;
  }

  /** A customer acting from {@link #CLIENT_ADDRESS}. */
  public static Actor as(Nic nic) {
    return Actor.customer(nic, CLIENT_ADDRESS);
  }

  /** A fresh active account in good standing, speaking English. */
  public Nic account() {
    return account(Language.en);
  }

  public Nic account(Language language) {
    return account(language, null);
  }

  /** A fresh account that can sign in with {@link #PASSWORD}. */
  public Nic accountThatSignsIn(Language language) {
    return account(language, PASSWORD);
  }

  private Nic account(Language language, String password) {
    long n = SEQUENCE.incrementAndGet();
    Nic nic = new Nic("tz" + n + "-ovh");
    opening.open(
        new NewAccount(
            nic, nic.value() + "@example.test", "Test", "User " + n, null, language, password),
        Actor.system());
    return nic;
  }

  /** A single number from a SQL query, for checks on stored data. */
  public long sql(String query, Object... params) {
    return jdbc.sql(query).params(params).query(Long.class).single();
  }

  /** The email address of a fixture account. */
  public String email(Nic nic) {
    return accounts.require(nic).email();
  }

  /** A fresh account that owes money. */
  public Nic accountInDebt() {
    Nic nic = account();
    putInDebt(nic);
    return nic;
  }

  public void putInDebt(Nic nic) {
    administration.setDebt(nic, 4_200, "EUR", Actor.system());
  }

  public void settleDebt(Nic nic) {
    administration.setDebt(nic, 0, "EUR", Actor.system());
  }

  /** A domain whose three roles all belong to one account, as when it was just ordered. */
  public HostedService serviceOwnedBy(Nic nic) {
    return service(Contacts.allTo(nic));
  }

  public HostedService service(Nic admin, Nic tech, Nic billing) {
    return service(new Contacts(admin, tech, billing));
  }

  public HostedService service(Contacts contacts) {
    String name = "site-" + SEQUENCE.incrementAndGet() + ".example";
    return services.register(
        new NewService(
            ServiceType.domain, name, name, HostedService.Status.ok, null, contacts, null),
        Actor.system());
  }

  /** The contacts of a service as stored now. */
  public Contacts contactsOf(HostedService service) {
    return services.find(service.id()).orElseThrow().contacts();
  }

  /** The newest code emailed to this account for this request (creation or resend). */
  public String codeFor(long changeId, Nic nic) {
    return outbox.forChange(changeId).stream()
        .filter(m -> nic.value().equals(m.recipientNic()))
        .filter(m -> m.kind() == MailKind.CHANGE_CODE || m.kind() == MailKind.CHANGE_CODE_RESENT)
        .max(Comparator.comparingLong(OutboxMessage::id))
        .map(m -> (String) m.payload().get("code"))
        .orElseThrow(() -> new AssertionError("no code emailed to " + nic + " for " + changeId));
  }

  /** The code emailed to an account for the change set of a task (a reference-API task id). */
  public String codeForTask(long taskId, Nic nic) {
    return codeFor(sql("select set_id from contact_changes where id = ?", taskId), nic);
  }

  /**
   * The code in the newest email of this kind sent to an address, waiting up to 10 s for it (some
   * emails, as password resets, are written off the request thread).
   */
  public String codeSentTo(String email, MailKind kind) {
    return awaitMail(email, kind).payload().get("code").toString();
  }

  /** The newest email of this kind to an address, waiting up to 10 s for it to be written. */
  public OutboxMessage awaitMail(String email, MailKind kind) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (true) {
      var found =
          outbox.newest(0, 50).stream()
              .filter(m -> m.kind() == kind && m.recipientEmail().equals(email))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + kind + " sent to " + email);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The emails about one request, oldest first. */
  public List<OutboxMessage> mails(long changeId) {
    return outbox.forChange(changeId);
  }

  /** Requests for one role. */
  public static Map<ContactRole, Nic> wanted(ContactRole role, Nic to) {
    return Map.of(role, to);
  }
}
