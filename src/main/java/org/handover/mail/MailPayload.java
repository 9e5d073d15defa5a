package org.handover.mail;

import java.util.Map;

/**
 * What an outbox row stores of one email: the fields written as the row's JSON payload, read back
 * by the {@link MailFormat} of its kind when the email is rendered (on any instance, at any later
 * time). A feature's mail record implements it through {@link MailContent}.
 */
@FunctionalInterface
public interface MailPayload {

  /** The payload's fields; values are texts, numbers, booleans, lists and maps of these. */
  Map<String, ?> payload();
}
