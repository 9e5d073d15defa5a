package org.handover.mail;

import java.util.Arrays;
import java.util.List;

/** Every email Handover sends (DESIGN §4). */
public enum MailKind {
  /** Sign-up: the new customer ID. */
  ACCOUNT_CREATED,
  /** Request created: a party's code and link. */
  CHANGE_CODE,
  /** Request created: notice to the contact being replaced when it is not a party. */
  CHANGE_NOTICE,
  /** A party accepted: the other party is awaited. */
  CHANGE_PARTY_ACCEPTED,
  /** The change was applied. */
  CHANGE_DONE,
  /** A party refused, or the final check failed. */
  CHANGE_REFUSED,
  /** Nobody answered in time. */
  CHANGE_EXPIRED,
  /** Cancelled by the asker or aborted by an operator. */
  CHANGE_ABORTED,
  /** An unexpected failure ended the request. */
  CHANGE_ERROR,
  /** Reminder before expiry to a party that has not answered. */
  CHANGE_REMINDER,
  /** A new code, on request. */
  CHANGE_CODE_RESENT,
  /** Email address change: code to the new address. */
  EMAIL_CHANGE_CODE,
  /** Email address change: notice to the old address. */
  EMAIL_CHANGE_NOTICE,
  /** Password reset code. */
  PASSWORD_RESET,
  /** Sign-up: the link that confirms the email address. */
  EMAIL_CONFIRM,
  /** Sign-up with an address that already has an account: a note to that account instead. */
  SIGNUP_EXISTING,
  /** Security notice: a second factor was added. */
  SECURITY_FACTOR_ADDED,
  /** Security notice: a second factor was removed. */
  SECURITY_FACTOR_REMOVED,
  /** Security notice: a recovery code was used. */
  SECURITY_RECOVERY_CODE_USED,
  /** Security notice: the password changed. */
  SECURITY_PASSWORD_CHANGED,
  /** Security notice, to the former address: the email address changed. */
  SECURITY_EMAIL_CHANGED,
  /** Security notice: a new API application. */
  SECURITY_API_APPLICATION,
  /** Security notice: a sign-in from a browser not seen before. */
  SECURITY_NEW_DEVICE,
  /** Assisted reassignment: current contacts are told the date and may veto. */
  CASE_NOTICE,
  /** Assisted reassignment: the new contact's code. */
  CASE_CODE,
  /** Assisted reassignment: the role has passed to the new contact. */
  CASE_APPLIED,
  /** Assisted reassignment: vetoed, expired or refused by the final check. */
  CASE_ENDED,
  /** A contact change asked by someone else was refused for this account's overdue payments. */
  DEBT_NOTICE,
  /** Owner change: a registrant's code and the link to the public confirmation page. */
  OWNER_CHANGE_CODE,
  /** Owner change: the administrator is told it was asked and who must confirm. */
  OWNER_CHANGE_REQUESTED,
  /** Owner change: both registrants confirmed; the owner record was replaced. */
  OWNER_CHANGE_DONE,
  /** Owner change: a registrant refused; nothing changed. */
  OWNER_CHANGE_REFUSED,
  /** Owner change: not confirmed in time; nothing changed. */
  OWNER_CHANGE_EXPIRED,
  /** Owner change: cancelled by the administrator or aborted by the provider. */
  OWNER_CHANGE_CANCELLED,
  /** Owner record: a minor correction (address, phone) applied at once. */
  OWNER_CORRECTED,
  /** Delegated access: a policy now gives the recipient access to a service. */
  ACCESS_GRANTED,
  /** Delegated access: a contact of the service is told who was given access. */
  ACCESS_GRANTED_NOTICE,
  /** Delegated access: a policy giving the recipient access was changed. */
  ACCESS_CHANGED,
  /** Delegated access: a contact is told a policy reaching the service was changed. */
  ACCESS_CHANGED_NOTICE,
  /** Delegated access: the recipient's access ended (expired, revoked, renounced, …). */
  ACCESS_ENDED,
  /** Delegated access: a contact is told someone's access to the service ended, and why. */
  ACCESS_ENDED_NOTICE;

  /**
   * Whether someone other than the recipient can cause this email (asking for or cancelling a
   * change that names them, a password reset or sign-up with their address, an owner change): such
   * emails are limited per recipient ({@link RecipientLimits}).
   */
  public boolean sentOnSomeoneElsesRequest() {
    return switch (this) {
      case CHANGE_CODE,
          CHANGE_NOTICE,
          CHANGE_PARTY_ACCEPTED,
          CHANGE_DONE,
          CHANGE_REFUSED,
          CHANGE_ABORTED,
          DEBT_NOTICE,
          PASSWORD_RESET,
          SIGNUP_EXISTING,
          EMAIL_CHANGE_CODE,
          OWNER_CHANGE_CODE,
          OWNER_CHANGE_REQUESTED,
          OWNER_CHANGE_DONE,
          OWNER_CHANGE_REFUSED,
          OWNER_CHANGE_CANCELLED,
          OWNER_CORRECTED ->
          true;
      default -> false;
    };
  }

  /** The kinds {@link #sentOnSomeoneElsesRequest()}. */
  static List<String> limitedKinds() {
    return Arrays.stream(values())
        .filter(MailKind::sentOnSomeoneElsesRequest)
        .map(Enum::name)
        .toList();
  }

  /** Whether this is a security notice about the account (links to its security page). */
  public boolean isSecurityNotice() {
    return name().startsWith("SECURITY_");
  }

  /** Whether the payload carries a confirmation code that must be removed once delivered. */
  public boolean carriesCode() {
    return this == CHANGE_CODE
        || this == CHANGE_CODE_RESENT
        || this == EMAIL_CHANGE_CODE
        || this == PASSWORD_RESET
        || this == EMAIL_CONFIRM
        || this == CASE_CODE
        || this == OWNER_CHANGE_CODE;
  }
}
