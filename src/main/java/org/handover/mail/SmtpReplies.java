package org.handover.mail;

import jakarta.mail.MessagingException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Reads what the SMTP server answered out of a delivery failure: a 5xx reply for the recipient,
 * sender or message is permanent (retrying cannot help); a 4xx reply, a connection or time-out
 * problem is transient and retried with backoff.
 */
final class SmtpReplies {

  private SmtpReplies() {}

  /** An SMTP reply found in a failure: its code and the server's text. */
  private record Reply(int code, String text) {}

  /** Whether the failure holds a 5xx SMTP reply. */
  static boolean isPermanent(Throwable failure) {
    Reply reply = reply(failure);
    return reply != null && reply.code() >= 500 && reply.code() < 600;
  }

  /** What the row keeps as its last error; the SMTP reply, when there is one, in full. */
  static String describe(Throwable failure) {
    Reply reply = reply(failure);
    String text =
        reply == null
            ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
            : "SMTP "
                + reply.code()
                + (reply.code() >= 500 ? " (permanent): " : " (temporary): ")
                + reply.text();
    return text.replaceAll("[\\r\\n]+", " ").strip();
  }

  /** The first SMTP reply of 400 or more in the failure's causes and next exceptions. */
  private static Reply reply(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable t = failure;
    while (t != null && seen.put(t, true) == null) {
      int code =
          t instanceof SMTPAddressFailedException a
              ? a.getReturnCode()
              : t instanceof SMTPSenderFailedException s
                  ? s.getReturnCode()
                  : t instanceof SMTPSendFailedException f ? f.getReturnCode() : 0;
      if (code >= 400) {
        return new Reply(code, String.valueOf(t.getMessage()));
      }
      Throwable next = t instanceof MessagingException m ? m.getNextException() : null;
      t = next != null ? next : t.getCause();
    }
    return null;
  }
}
