package org.handover.account;

import java.util.EnumSet;
import java.util.Set;
import org.handover.mail.MailFormat;
import org.handover.mail.MailKind;
import org.springframework.stereotype.Component;

/** The account's emails ({@link AccountMail}, {@link DebtNoticeMail}) as the outbox stores them. */
@Component
class AccountMailFormat extends MailFormat {

  AccountMailFormat() {
    super(
        accountKinds(),
        (kind, payload) ->
            kind == MailKind.DEBT_NOTICE
                ? DebtNoticeMail.read(payload)
                : AccountMail.read(payload));
  }

  private static Set<MailKind> accountKinds() {
    Set<MailKind> kinds =
        EnumSet.of(
            MailKind.ACCOUNT_CREATED,
            MailKind.EMAIL_CHANGE_CODE,
            MailKind.EMAIL_CHANGE_NOTICE,
            MailKind.PASSWORD_RESET,
            MailKind.EMAIL_CONFIRM,
            MailKind.SIGNUP_EXISTING,
            MailKind.DEBT_NOTICE);
    EnumSet.allOf(MailKind.class).stream().filter(MailKind::isSecurityNotice).forEach(kinds::add);
    return kinds;
  }
}
