package org.handover.account;

import java.util.Locale;
import org.handover.system.TextRules;

/** The checks an account's fields pass, wherever they are typed: each refuses with its field. */
final class AccountFields {

  private AccountFields() {}

  /**
   * The address trimmed and lowercased.
   *
   * @throws InvalidField when it is not an address Handover accepts
   */
  static String normaliseEmail(String email) {
    String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (!TextRules.isEmail(e)) {
      throw new InvalidField("email");
    }
    return e;
  }

  /**
   * @throws WeakPassword when the password is shorter than 10 or longer than 128 characters
   */
  static void requirePassword(String password) {
    if (password == null || password.length() < 10 || password.length() > 128) {
      throw new WeakPassword();
    }
  }

  /**
   * @throws InvalidField when a name is blank, several lines or too long
   */
  static void requireName(String value, String field) {
    if (value == null || value.isBlank() || !TextRules.isSingleLine(value, TextRules.PERSON_NAME)) {
      throw new InvalidField(field);
    }
  }

  /**
   * @throws InvalidField when the (optional) organisation is several lines or too long
   */
  static void requireOrganisation(String value) {
    if (value != null && !TextRules.isSingleLine(value, TextRules.ORGANISATION)) {
      throw new InvalidField("organisation");
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
