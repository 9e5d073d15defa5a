package org.handover.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.handover.contact.ContactRole;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * Why a request ended, as a message key and arguments, so each reader sees it in their language. An
 * argument is either text (kept exactly as given, whatever it says: a person's words are never read
 * as data) or a {@link ContactRole} (translated when shown).
 *
 * <p>Stored as {@code @2|key|t<text>|r<ROLE>}, each text escaped ({@code \\} and {@code \|}), so no
 * text can pass for a role or a separator. Rows written before this form ({@code key|arg|arg},
 * roles as {@code role:NAME}) are still read: there an argument is a role only when it names one.
 */
public record Reason(String key, List<Object> args) {

  private static final String FORMAT = "@2";
  private static final char SEP = '|';
  private static final char ESC = '\\';
  private static final String LEGACY_ROLE = "role:";
  private static final int MAX_STORED = 500;
  private static final String EXPIRED = "reason.expired";

  public Reason {
    args = List.copyOf(args);
  }

  public static Reason of(String key, String... args) {
    return new Reason(key, Arrays.asList((Object[]) args));
  }

  /** The longest refusal reason a party's own words keep, in characters. */
  static final int MAX_WORDS = 300;

  /** A party refused, in its own few words (spaces folded, shortened) when it gave any. */
  static Reason refusedBy(String nic, String why) {
    String said = why == null ? "" : why.strip().replaceAll("\\s+", " ");
    if (said.length() > MAX_WORDS) {
      said = said.substring(0, MAX_WORDS);
    }
    return said.isEmpty() ? of("reason.refusedBy", nic) : of("reason.refusedBecause", nic, said);
  }

  /** The reason a refusal gives, with roles kept translatable. */
  public static Reason of(HandoverException refusal) {
    List<Object> args = new ArrayList<>();
    for (Object arg : refusal.args()) {
      args.add(arg instanceof ContactRole role ? role : String.valueOf(arg));
    }
    return new Reason(refusal.messageKey(), args);
  }

  /** The stored form; a text too long for the column is shortened, never an escape cut in two. */
  public String encode() {
    StringBuilder out = new StringBuilder(FORMAT).append(SEP).append(escape(key));
    for (Object arg : args) {
      String part =
          SEP
              + (arg instanceof ContactRole role
                  ? "r" + role.name()
                  : "t" + escape(arg.toString()));
      int room = MAX_STORED - out.length();
      if (part.length() > room) {
        part = room > 2 ? cut(part, room) : "";
      }
      out.append(part);
    }
    return out.toString();
  }

  private static String cut(String escaped, int length) {
    int end = length;
    int trailing = 0;
    while (end - trailing - 1 >= 0 && escaped.charAt(end - trailing - 1) == ESC) {
      trailing++;
    }
    return escaped.substring(0, trailing % 2 == 1 ? end - 1 : end);
  }

  public static Reason decode(String stored) {
    if (stored == null) {
      return null;
    }
    if (!stored.startsWith(FORMAT + SEP)) {
      return legacy(stored);
    }
    List<String> parts = split(stored.substring(FORMAT.length() + 1));
    List<Object> args = new ArrayList<>();
    for (String part : parts.subList(1, parts.size())) {
      Object role = part.startsWith("r") ? role(part.substring(1)) : null;
      args.add(role != null ? role : part.isEmpty() ? "" : part.substring(1));
    }
    return new Reason(parts.get(0), args);
  }

  private static Reason legacy(String stored) {
    List<String> parts = Arrays.asList(stored.split("\\|", -1));
    List<Object> args = new ArrayList<>();
    for (String part : parts.subList(1, parts.size())) {
      Object role =
          part.startsWith(LEGACY_ROLE) ? role(part.substring(LEGACY_ROLE.length())) : null;
      args.add(role != null ? role : part);
    }
    return new Reason(parts.get(0), args);
  }

  private static ContactRole role(String name) {
    for (ContactRole r : ContactRole.values()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == ESC || c == SEP) {
        sb.append(ESC);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Splits on unescaped separators and unescapes each part. */
  private static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ESC && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
      } else if (c == SEP) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else if (c != ESC) {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  /** The reason in the given language. */
  public String message(Locale locale) {
    return Messages.format(locale, key, args.toArray());
  }

  /**
   * The reason as {@code reader} reads it on a page: "You refused it." where they are the one it
   * names, and who did not answer in time as a list in the language's words, the reader among them
   * as "you" ("No answer in time from you and bb2-ovh.").
   */
  public String messageTo(Locale locale, Nic reader) {
    if (!EXPIRED.equals(key) || args.size() != 1) {
      return Messages.toReader(locale, reader, key, args.toArray());
    }
    List<String> who = new ArrayList<>(List.of(args.get(0).toString().split(", ")));
    boolean you = reader != null && who.remove(reader.value());
    if (you && who.isEmpty()) {
      return Messages.format(locale, EXPIRED + ".you");
    }
    if (you) {
      who.add(0, Messages.format(locale, EXPIRED + ".youListed"));
    }
    return Messages.format(locale, EXPIRED, Messages.list(locale, who));
  }
}
