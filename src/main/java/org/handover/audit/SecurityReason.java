package org.handover.audit;

/**
 * Why or how a security log line happened, as a code stored in its own column (with the number it
 * refers to, if any, in another): the words a reader sees are chosen from it, never parsed from
 * text.
 */
public enum SecurityReason {
  /** A hand-over action of the customer on a change set (the number). */
  changeRequested,
  changeAccepted,
  changeRefused,
  changeAborted,
  /** An API consumer key (the number). */
  apiKey,
  /** A recovery code used; how many are left (the number). */
  codesLeft,
  /** The password was changed with the current one. */
  currentPassword,
  /** The password was set with an emailed reset code. */
  resetLink,
  /** Sessions and keys ended because the password changed. */
  afterPasswordChange,
  /** Sessions and keys ended because the password was reset. */
  afterPasswordReset,
  /** Sessions and keys ended because a second factor was removed. */
  afterFactorRemoved,
  /** Every session and key ended at once ("sign out everywhere", or the operator API's). */
  everywhere,
  /** The account is suspended. */
  suspended,
  /** On the page that creates API keys in one step ({@code /createToken}). */
  createToken;

  /** A stored code; null when there is none (or one this version does not know). */
  static SecurityReason parse(String code) {
    for (SecurityReason r : values()) {
      if (r.name().equals(code)) {
        return r;
      }
    }
    return null;
  }
}
