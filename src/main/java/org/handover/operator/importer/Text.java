package org.handover.operator.importer;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import org.handover.system.HandoverException;

/** English texts of the import's messages, from the {@code messages} bundles. */
final class Text {

  private Text() {}

  /** The message for a key; numbers print without grouping, like {@link HandoverException}. */
  static String of(String key, Object... args) {
    String pattern = HandoverException.bundle(Locale.ENGLISH).getString(key);
    Object[] shown =
        Arrays.stream(args).map(a -> a instanceof Number n ? n.toString() : a).toArray();
    return new MessageFormat(pattern, Locale.ENGLISH).format(shown);
  }
}
