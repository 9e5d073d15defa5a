package org.handover.mail;

import java.util.List;

/**
 * One email as its feature's typed record: it writes its own payload ({@link MailPayload}), is read
 * back from it by its feature's {@link MailFormat}, and gives what the email shows: the arguments
 * of its messages, the link of its button, and its detail lines. {@code mail} lays it out and never
 * knows a feature's fields or pages.
 */
public interface MailContent extends MailPayload {

  /** The name the greeting uses ({@code {1}} of every message); null for none. */
  String recipientName();

  /**
   * Puts this email's own arguments at the positions its messages use; {@code {0}} (the provider)
   * and {@code {1}} (the recipient's name) are every email's and set already.
   */
  void arguments(MailArguments arguments, MailWords words);

  /** Where the email's button leads, on the panel. */
  String link(MailKind kind, PanelUrl panel);

  /** The confirmation code the email shows (only for a kind that {@link MailKind#carriesCode}). */
  default String code() {
    return null;
  }

  /**
   * Who reads it, when the bundles word some of its messages for that reader ({@code
   * mail.KIND.body.READER}); null for the kind's own wording.
   */
  default String reader() {
    return null;
  }

  /** The labelled facts under the email's text; none by default. */
  default List<MailDetail> details(MailKind kind, MailWords words) {
    return List.of();
  }
}
