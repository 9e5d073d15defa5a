package org.handover.access;

import java.util.EnumSet;
import org.handover.mail.MailFormat;
import org.handover.mail.MailKind;
import org.springframework.stereotype.Component;

/** The emails of delegated access ({@link AccessMail}) as the outbox stores them. */
@Component
class AccessMailFormat extends MailFormat {

  AccessMailFormat() {
    super(
        EnumSet.of(
            MailKind.ACCESS_GRANTED,
            MailKind.ACCESS_GRANTED_NOTICE,
            MailKind.ACCESS_CHANGED,
            MailKind.ACCESS_CHANGED_NOTICE,
            MailKind.ACCESS_ENDED,
            MailKind.ACCESS_ENDED_NOTICE),
        (kind, payload) -> AccessMail.read(payload));
  }
}
