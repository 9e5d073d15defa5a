package org.handover.change;

import java.util.EnumSet;
import org.handover.mail.MailFormat;
import org.handover.mail.MailKind;
import org.springframework.stereotype.Component;

/** The emails of a change set ({@link ChangeMail}) as the outbox stores them. */
@Component
class ChangeMailFormat extends MailFormat {

  ChangeMailFormat() {
    super(
        EnumSet.of(
            MailKind.CHANGE_CODE,
            MailKind.CHANGE_NOTICE,
            MailKind.CHANGE_PARTY_ACCEPTED,
            MailKind.CHANGE_DONE,
            MailKind.CHANGE_REFUSED,
            MailKind.CHANGE_EXPIRED,
            MailKind.CHANGE_ABORTED,
            MailKind.CHANGE_ERROR,
            MailKind.CHANGE_REMINDER,
            MailKind.CHANGE_CODE_RESENT),
        (kind, payload) -> ChangeMail.read(payload));
  }
}
