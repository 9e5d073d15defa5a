package org.handover.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What tests read in the emails an SMTP sink received: their text and the codes in them. */
public final class SentMail {

  private static final Pattern CODE_LINK = Pattern.compile("requests/(\\d+)\\?token=([0-9A-Z-]+)");

  private SentMail() {}

  /** Every text part of {@code part}, plain and HTML, one after the other. */
  public static String text(Part part) {
    try {
      if (part.isMimeType("text/*")) {
        return String.valueOf(part.getContent());
      }
      StringBuilder all = new StringBuilder();
      if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          all.append(text(body));
        }
      }
      return all.toString();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("unreadable email", e);
    }
  }

  /** The last code for change set {@code set} in the links of {@code mail}, or null. */
  public static String codeFor(Part mail, long set) {
    String found = null;
    Matcher m = CODE_LINK.matcher(text(mail));
    while (m.find()) {
      if (Long.parseLong(m.group(1)) == set) {
        found = m.group(2);
      }
    }
    return found;
  }
}
