package org.handover.system;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A customer ID such as {@code aa123456-ovh}: two letters, 4 to 8 digits, a dash and a suffix.
 * Always lowercase; input is trimmed and case-insensitive.
 */
public record Nic(String value) implements Comparable<Nic> {

  private static final Pattern FORMAT = Pattern.compile("[a-z]{2}[0-9]{4,8}-[a-z][a-z0-9]{0,15}");

  public Nic {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidNic(value);
    }
  }

  /** Parses user input: trims, lowercases, then validates the format. */
  public static Nic parse(String input) {
    if (input == null) {
      throw new InvalidNic("");
    }
    return new Nic(input.strip().toLowerCase(Locale.ROOT));
  }

  /** Whether the input would parse. */
  public static boolean isValid(String input) {
    return input != null && FORMAT.matcher(input.strip().toLowerCase(Locale.ROOT)).matches();
  }

  /** The suffix after the dash, e.g. {@code ovh}. */
  public String suffix() {
    return value.substring(value.indexOf('-') + 1);
  }

  @Override
  public int compareTo(Nic other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  /** Input that is not a customer ID. */
  public static final class InvalidNic extends HandoverException {
    InvalidNic(String input) {
      super(Kind.BAD_REQUEST, "account.nic.invalid", shorten(input));
    }

    private static String shorten(String input) {
      String s = input == null ? "" : input.strip();
      return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
  }
}
