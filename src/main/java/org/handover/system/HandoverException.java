package org.handover.system;

import java.util.Locale;

/**
 * A refusal the user can act on: a kind (mapped to an HTTP status at the edge), a message key in
 * the {@code messages} bundles and its arguments. {@link #getMessage()} is the English text.
 */
public abstract class HandoverException extends RuntimeException {

  /** How the edge reports the refusal. */
  public enum Kind {
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_MANY_REQUESTS,
    /** The database is away (a failover): 503 with {@code Retry-After}, nothing applied. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String messageKey;
  private final Object[] args;

  protected HandoverException(Kind kind, String messageKey, Object... args) {
    super(messageKey);
    this.kind = kind;
    this.messageKey = messageKey;
    this.args = args.clone();
  }

  public Kind kind() {
    return kind;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] args() {
    return args.clone();
  }

  @Override
  public String getMessage() {
    return message(Locale.ENGLISH);
  }

  /** The message in the given language, falling back to English. */
  public String message(Locale locale) {
    return Messages.format(locale, messageKey, args);
  }
}
