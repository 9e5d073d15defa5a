package org.handover.account;

import java.util.Map;
import org.handover.system.HandoverException;
import org.handover.system.TextRules;

/**
 * A field of an account request is missing or malformed. The message names the field as the forms
 * label it and says what to type, with its limit (the database column's); a field no form shows (an
 * operator's) is named as the API names it.
 */
public final class InvalidField extends HandoverException {

  /** The fields a customer types, with their limits. */
  static final Map<String, Integer> LIMITS =
      Map.of(
          "email", TextRules.EMAIL,
          "firstName", TextRules.PERSON_NAME,
          "lastName", TextRules.PERSON_NAME,
          "organisation", TextRules.ORGANISATION);

  InvalidField(String field) {
    super(
        Kind.BAD_REQUEST,
        LIMITS.containsKey(field) ? "signup." + field + ".invalid" : "account.field.invalid",
        LIMITS.containsKey(field) ? LIMITS.get(field) : field);
  }
}
