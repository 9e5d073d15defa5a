package org.handover.reassignment;

import java.util.EnumSet;
import org.handover.mail.MailFormat;
import org.handover.mail.MailKind;
import org.springframework.stereotype.Component;

/**
 * The emails of an assisted reassignment case ({@link ReassignmentMail}) as the outbox stores them.
 */
@Component
class ReassignmentMailFormat extends MailFormat {

  ReassignmentMailFormat() {
    super(
        EnumSet.of(
            MailKind.CASE_NOTICE, MailKind.CASE_CODE, MailKind.CASE_APPLIED, MailKind.CASE_ENDED),
        (kind, payload) -> ReassignmentMail.read(payload));
  }
}
