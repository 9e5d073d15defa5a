package org.handover.owner;

import java.util.EnumSet;
import org.handover.mail.MailFormat;
import org.handover.mail.MailKind;
import org.springframework.stereotype.Component;

/** The emails of owner changes and corrections ({@link OwnerMail}) as the outbox stores them. */
@Component
class OwnerMailFormat extends MailFormat {

  OwnerMailFormat() {
    super(
        EnumSet.of(
            MailKind.OWNER_CHANGE_CODE,
            MailKind.OWNER_CHANGE_REQUESTED,
            MailKind.OWNER_CHANGE_DONE,
            MailKind.OWNER_CHANGE_REFUSED,
            MailKind.OWNER_CHANGE_EXPIRED,
            MailKind.OWNER_CHANGE_CANCELLED,
            MailKind.OWNER_CORRECTED),
        (kind, payload) -> OwnerMail.read(payload));
  }
}
