package org.handover.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.handover.change.ChangeMail.Ended;
import org.handover.contact.ContactRole;
import org.handover.mail.MailWords;

/**
 * Why a change set ended, as its email says it to one reader: the reason's message with the
 * arguments stored with it (who cancelled, who refused and in which words, who did not answer),
 * roles in the reader's language, and {@code KEY.you} when the reader is the one it names ("You
 * cancelled it.").
 */
final class MailReason {

  private static final String EXPIRED = "reason.expired";

  /** An unexpected failure, stored with its exception's name: the email's body says it already. */
  private static final String UNEXPECTED = "reason.unexpected";

  private MailReason() {}

  /**
   * @param asking the asker, for rows written before the arguments were stored
   * @param readerAccount the reader's customer ID when known; null otherwise
   * @param to the new contacts, for rows written before the arguments were stored
   */
  static String text(Ended ended, MailWords words, String asking, String readerAccount, String to) {
    if (ended == null) {
      return "";
    }
    if (ended.key() == null) {
      return ended.text();
    }
    if (UNEXPECTED.equals(ended.key())) {
      return "";
    }
    if (ended.args() == null) {
      return words.text(ended.key(), to == null ? "" : to, asking == null ? "" : asking);
    }
    if (EXPIRED.equals(ended.key()) && ended.args().size() == 1) {
      return expired(words, String.valueOf(ended.args().get(0)), readerAccount);
    }
    boolean refusal = !ended.key().startsWith("reason.");
    Object[] args =
        ended.args().stream()
            .map(a -> refusal && isRole(a) ? words.roles(List.of(a.toString())) : a)
            .toArray();
    String own =
        args.length > 0 && String.valueOf(args[0]).equals(readerAccount)
            ? words.optional(ended.key() + ".you", args)
            : null;
    return own != null ? own : words.text(ended.key(), args);
  }

  /**
   * Who did not answer in time (stored as customer IDs joined by commas), as a list, the reader as
   * "you" when they are one of them.
   */
  private static String expired(MailWords words, String waiting, String readerAccount) {
    List<String> who = new ArrayList<>(List.of(waiting.split(", ")));
    if (readerAccount == null || !who.remove(readerAccount)) {
      return words.text(EXPIRED, words.list(who));
    }
    return who.isEmpty()
        ? words.text(EXPIRED + ".you")
        : words.text(EXPIRED + ".youAnd", words.list(who));
  }

  private static boolean isRole(Object arg) {
    return Arrays.stream(ContactRole.values()).anyMatch(r -> r.name().equals(String.valueOf(arg)));
  }
}
