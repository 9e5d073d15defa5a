package org.handover.operator.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.handover.account.Account;
import org.handover.system.Language;
import org.handover.system.Nic;

/** A valid row of the accounts file. */
record AccountLine(
    int line,
    Nic nic,
    String email,
    String firstName,
    String lastName,
    String organisation,
    Language language,
    long debtCents,
    String currency,
    Account.State state) {

  static final List<String> FIELDS =
      List.of(
          "nic",
          "email",
          "firstName",
          "lastName",
          "organisation",
          "language",
          "debtCents",
          "currency",
          "state");

  static final Set<String> REQUIRED = Set.of("nic", "email", "firstName", "lastName");

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern CENTS = Pattern.compile("[0-9]{1,18}");

  /** The account of a row; {@code fields} collects what is wrong with it. */
  static AccountLine read(Row row, Fields fields) {
    Nic nic = fields.nic("nic", null);
    String email = fields.email("email");
    String first = fields.text("firstName", 100);
    String last = fields.text("lastName", 100);
    String organisation = fields.optionalText("organisation", 200);
    Language language = fields.oneOf("language", Language.class, Language.en);
    String cents = fields.matching("debtCents", CENTS, "0", "import.debt.invalid");
    String currency = fields.matching("currency", CURRENCY, "EUR", "import.currency.invalid");
    Account.State state = fields.oneOf("state", Account.State.class, Account.State.active);
    if (!fields.ok()) {
      return null;
    }
    return new AccountLine(
        row.line(),
        nic,
        email,
        first,
        last,
        organisation,
        language,
        Long.parseLong(cents),
        currency,
        state);
  }

  /** The fields in which an existing account differs from this row (empty when the same). */
  List<String> differences(Account existing) {
    List<String> fields = new ArrayList<>();
    differs(fields, "email", email, existing.email());
    differs(fields, "firstName", firstName, existing.firstName());
    differs(fields, "lastName", lastName, existing.lastName());
    differs(fields, "organisation", organisation, existing.organisation());
    differs(fields, "language", language, existing.language());
    differs(fields, "debtCents", debtCents, existing.debtCents());
    differs(fields, "currency", currency, existing.debtCurrency());
    differs(fields, "state", state, existing.state());
    return fields;
  }

  private static void differs(List<String> fields, String name, Object mine, Object theirs) {
    if (!Objects.equals(mine, theirs)) {
      fields.add(name);
    }
  }

  /** The account to write: no password, email not verified, created now. */
  Account toAccount(Instant now) {
    return new Account(
        nic,
        email,
        false,
        firstName,
        lastName,
        organisation,
        language,
        state,
        debtCents,
        currency,
        now);
  }
}
