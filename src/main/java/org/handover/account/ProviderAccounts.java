package org.handover.account;

import java.time.Clock;
import java.util.Optional;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.mail.MailKind;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of customers who sign in through the provider's identity provider: opened from the ID
 * token's claims on a first sign-in (when the provider allows it), and kept on the address the
 * provider has verified.
 */
@Service
public class ProviderAccounts {

  /** What the ID token says about the person. */
  public record Claims(
      String email, boolean emailVerified, String givenName, String familyName, String locale) {}

  private final Accounts accounts;
  private final AccountOpening opening;
  private final AccountRepository repository;
  private final AccountNotices notices;
  private final AuditLog audit;
  private final SecurityLog securityLog;
  private final ProviderLinkRepository links;
  private final Clock clock;

  ProviderAccounts(
      Accounts accounts,
      AccountOpening opening,
      AccountRepository repository,
      AccountNotices notices,
      AuditLog audit,
      SecurityLog securityLog,
      ProviderLinkRepository links,
      Clock clock) {
    this.links = links;
    this.clock = clock;
    this.accounts = accounts;
    this.opening = opening;
    this.repository = repository;
    this.notices = notices;
    this.audit = audit;
    this.securityLog = securityLog;
  }

  /**
   * The account the person signs in to: the one their customer-ID claim names, or, without the
   * claim, the one opened for them on an earlier first sign-in.
   */
  public Optional<Account> find(String issuer, String subject, Nic claimed) {
    if (claimed != null) {
      return accounts.find(claimed);
    }
    return links.find(issuer, subject).flatMap(accounts::find);
  }

  /**
   * Opens an account with a new customer ID from the claims, its address taken as confirmed (the
   * provider verified it), and queues the welcome email; empty when the claims lack a verified
   * address or a name, or the address belongs to another account.
   */
  @Transactional
  public Optional<Account> open(String issuer, String subject, Claims claims, Actor actor) {
    if (claims.email() == null || !claims.emailVerified()) {
      return Optional.empty();
    }
    String email = usable(claims.email());
    if (email == null || repository.findByEmail(email).isPresent()) {
      return Optional.empty();
    }
    String first = blankTo(claims.givenName(), email.substring(0, email.indexOf('@')));
    String last = blankTo(claims.familyName(), "-");
    Account account =
        opening.open(
            new NewAccount(null, email, first, last, null, Language.of(claims.locale()), null),
            actor);
    links.link(issuer, subject, account.nic(), clock.instant());
    securityLog.record(account.nic(), SecurityEvent.accountCreated, SecurityLog.Details.provider());
    return Optional.of(account);
  }

  /**
   * Makes the provider's verified address the account's, telling the old address as an email change
   * does; nothing when it is the same, unverified, or another account's.
   */
  @Transactional
  public void takeOverEmail(Nic nic, Claims claims, Actor actor) {
    if (claims.email() == null || !claims.emailVerified()) {
      return;
    }
    Account account = accounts.require(nic);
    String email = usable(claims.email());
    if (email == null
        || email.equals(account.email())
        || repository.findByEmail(email).isPresent()) {
      return;
    }
    repository.updateEmail(nic, email);
    notices.send(account, account.recipient(), MailKind.SECURITY_EMAIL_CHANGED, email);
    audit.record(actor, "account.emailFromProvider", null, null, nic.value());
    securityLog.record(nic, SecurityEvent.emailChanged, SecurityLog.Details.provider());
  }

  /** The address normalised, or null when it is not one Handover accepts. */
  private static String usable(String email) {
    try {
      return AccountFields.normaliseEmail(email);
    } catch (InvalidField notAnAddress) {
      return null;
    }
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
