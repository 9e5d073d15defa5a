package org.handover.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one email's messages, by the positions the message bundles use. {@code {0}} the
 * provider and {@code {1}} the recipient's name are every email's; each feature's record puts its
 * own named values where its messages expect them ({@link MailContent#arguments}). A position left
 * out reads as empty, as does a null value.
 */
public final class MailArguments {

  private final List<Object> values = new ArrayList<>();

  MailArguments(String provider, String recipientName) {
    values.add(provider);
    values.add(recipientName == null ? "" : recipientName);
  }

  /** Puts a value at {@code {position}} (2 or more) and returns this for the next one. */
  public MailArguments set(int position, Object value) {
    if (position < 2) {
      throw new IllegalArgumentException("{0} and {1} are every email's: " + position);
    }
    while (values.size() <= position) {
      values.add("");
    }
    values.set(position, value == null ? "" : value);
    return this;
  }

  Object[] toArray() {
    return values.toArray();
  }
}
