package org.handover.account;

import java.util.Locale;
import org.handover.system.FieldTooLong;
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
   * @throws FieldTooLong when a name is longer than the form allows (named by its label)
   * @throws InvalidField when a name is blank or several lines
   */
  static void requireName(String value, String field) {
    FieldTooLong.check("signup." + field, value, TextRules.PERSON_NAME);
    if (value == null || value.isBlank() || !TextRules.isSingleLine(value, TextRules.PERSON_NAME)) {
      throw new InvalidField(field);
    }
  }

  /**
   * @throws FieldTooLong when the (optional) organisation is longer than the form allows
   * @throws InvalidField when it is several lines
   */
  static void requireOrganisation(String value) {
    FieldTooLong.check("field.organisation", value, TextRules.ORGANISATION);
    if (value != null && !TextRules.isSingleLine(value, TextRules.ORGANISATION)) {
      throw new InvalidField("organisation");
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
