package org.handover.account;

import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.mail.MailArguments;
import org.handover.mail.MailContent;
import org.handover.mail.MailKind;
import org.handover.mail.MailWords;
import org.handover.mail.PanelUrl;
import org.handover.mail.StoredPayload;

/**
 * An email about the reader's own account: sign-up, address confirmation and change, password
 * reset, and the security notices. Any field but {@code nic} may be null.
 *
 * @param firstName stored by sign-up emails written before they stored the name they greet; such a
 *     row greets the person by it
 * @param detail what a security notice names: a factor, a device, an application, an address
 */
record AccountMail(
    String nic, String recipientName, String firstName, String newEmail, String detail, String code)
    implements MailContent {

  private static final int NIC = 12;
  private static final int NEW_EMAIL = 13;
  private static final int DETAIL = 14;

  /** Sign-up: the new customer ID. */
  static AccountMail created(Account account) {
    return new AccountMail(
        account.nic().value(), account.displayName(), account.firstName(), null, null, null);
  }

  /** A code for the account's own address (confirmation, password reset). */
  static AccountMail withCode(Account account, String code) {
    return new AccountMail(account.nic().value(), account.displayName(), null, null, null, code);
  }

  /** An address change: the code (to the new address) or the notice (to the old, no code). */
  static AccountMail emailChange(Account account, String newEmail, String code) {
    return new AccountMail(
        account.nic().value(), account.displayName(), null, newEmail, null, code);
  }

  /** A notice naming what happened; {@code detail} may be null. */
  static AccountMail notice(Account account, String detail) {
    return new AccountMail(account.nic().value(), account.displayName(), null, null, detail, null);
  }

  static AccountMail read(StoredPayload p) {
    return new AccountMail(
        p.text("nic"),
        p.text("recipientName"),
        p.text("firstName"),
        p.text("newEmail"),
        p.text("detail"),
        p.text("code"));
  }

  /** Whom the email greets (a sign-up row written before the name was stored: the first name). */
  @Override
  public String recipientName() {
    return recipientName == null ? firstName : recipientName;
  }

  @Override
  public Map<String, ?> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("nic", nic);
    put(p, "recipientName", recipientName);
    put(p, "firstName", firstName);
    put(p, "newEmail", newEmail);
    put(p, "detail", detail);
    put(p, "code", code);
    return p;
  }

  private static void put(Map<String, Object> payload, String key, Object value) {
    if (value != null) {
      payload.put(key, value);
    }
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    arguments.set(NIC, nic).set(NEW_EMAIL, newEmail).set(DETAIL, detail);
  }

  @Override
  public String link(MailKind kind, PanelUrl panel) {
    String token = code == null ? "" : "&token=" + PanelUrl.encode(code);
    String login = PanelUrl.encode(String.valueOf(nic));
    return switch (kind) {
      case EMAIL_CONFIRM -> panel.to("/signup/confirm?nic=" + login + token);
      case PASSWORD_RESET -> panel.to("/password-reset?login=" + login + token);
      case EMAIL_CHANGE_CODE, EMAIL_CHANGE_NOTICE -> panel.to("/account/profile");
      case ACCOUNT_CREATED, SIGNUP_EXISTING -> panel.to("/login");
      case SECURITY_API_APPLICATION -> panel.to("/account/api/applications");
      default -> panel.to("/account/security");
    };
  }
}
