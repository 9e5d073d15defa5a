package org.handover.account;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer accounts as other features read them: by customer ID, by login, by search. What
 * changes an account is a use case of its own: {@link AccountOpening}, {@link AddressConfirmation},
 * {@link Credentials}, {@link ProfileChanges}, {@link AccountAdministration}.
 */
@Service
public class Accounts {

  private final AccountRepository repository;

  Accounts(AccountRepository repository) {
    this.repository = repository;
  }

  public Optional<Account> find(Nic nic) {
    return repository.find(nic);
  }

  /** The account, or {@link UnknownAccount}. */
  public Account require(Nic nic) {
    return repository.find(nic).orElseThrow(() -> new UnknownAccount(nic));
  }

  /** The accounts that exist among the given IDs, by ID. */
  public Map<Nic, Account> findAll(Collection<Nic> nics) {
    return repository.findAll(nics).stream()
        .collect(Collectors.toMap(Account::nic, Function.identity()));
  }

  /** Finds an account by customer ID or by email, for signing in. */
  public Optional<Account> findForSignIn(String login) {
    if (login == null || login.isBlank() || !TextRules.isSingleLine(login, TextRules.EMAIL)) {
      return Optional.empty();
    }
    if (Nic.isValid(login)) {
      return repository.find(Nic.parse(login));
    }
    return repository.findByEmail(login.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Accounts for the staff console's search, whatever the case: customer ID (or its digits), email,
   * first, last or full name or organisation starting with {@code typed}, or from three characters
   * holding it anywhere; at most {@code limit} (1–101). Nothing for blank text or text longer than
   * 100 characters.
   */
  public List<Account> search(String typed, int limit) {
    if (typed == null || typed.isBlank() || !TextRules.isSingleLine(typed, 100)) {
      return List.of();
    }
    return repository.search(typed.strip(), Math.max(1, Math.min(limit, 101)));
  }

  /** The password hash of an account, when it has one. */
  public Optional<String> passwordHash(Nic nic) {
    return repository.passwordHash(nic);
  }

  public long count() {
    return repository.count();
  }

  /** The customer ID owning each of these email addresses that is taken. */
  public Map<String, Nic> emailOwners(Collection<String> emails) {
    return repository.emailOwners(emails);
  }

  /**
   * Writes accounts in bulk, in the caller's transaction (the import): no password, no email sent,
   * one audit row for the whole import, written by the caller.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void importAll(List<Account> imported) {
    repository.insertAll(imported);
  }

  /** Refreshes the database's statistics of the accounts table after a large import. */
  public void refreshStatistics() {
    repository.refreshStatistics();
  }
}
