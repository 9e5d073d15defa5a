package org.handover.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.handover.contact.ContactRole;
import org.handover.system.HandoverException;
import org.handover.system.Messages;

/**
 * Why a request ended, as a message key and arguments, so each reader sees it in their language.
 * Stored as {@code key|arg|arg}.
 */
public record Reason(String key, List<String> args) {

  private static final String SEP = "|";
  private static final String ROLE = "role:";

  public Reason {
    args = List.copyOf(args);
  }

  public static Reason of(String key, String... args) {
    return new Reason(key, Arrays.asList(args));
  }

  /** The reason a refusal gives, with roles kept translatable. */
  public static Reason of(HandoverException refusal) {
    List<String> args = new ArrayList<>();
    for (Object arg : refusal.args()) {
      args.add(arg instanceof ContactRole role ? ROLE + role.name() : String.valueOf(arg));
    }
    return new Reason(refusal.messageKey(), args);
  }

  public String encode() {
    String joined = String.join(SEP, args.stream().map(a -> a.replace(SEP, "/")).toList());
    String value = args.isEmpty() ? key : key + SEP + joined;
    return value.length() > 500 ? value.substring(0, 500) : value;
  }

  public static Reason decode(String stored) {
    if (stored == null) {
      return null;
    }
    List<String> parts = Arrays.asList(stored.split("\\|", -1));
    return new Reason(parts.get(0), parts.subList(1, parts.size()));
  }

  /** The reason in the given language. */
  public String message(Locale locale) {
    Object[] values =
        args.stream()
            .map(a -> a.startsWith(ROLE) ? ContactRole.valueOf(a.substring(ROLE.length())) : a)
            .toArray();
    return Messages.format(locale, key, values);
  }
}
