package org.handover.system;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A single-use confirmation code: 28 Crockford base32 symbols (140 random bits) shown in groups of
 * four. Only its SHA-256 digest is stored; comparison is constant-time.
 */
public final class ConfirmationCode {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int SYMBOLS = 28;
  private static final int MAX_INPUT = 100;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String text;

  private ConfirmationCode(String text) {
    this.text = text;
  }

  /** Draws a new code from the CSPRNG. */
  public static ConfirmationCode generate() {
    StringBuilder sb = new StringBuilder(SYMBOLS + SYMBOLS / 4);
    for (int i = 0; i < SYMBOLS; i++) {
      if (i > 0 && i % 4 == 0) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return new ConfirmationCode(sb.toString());
  }

  /** The code as shown to its recipient, e.g. {@code 7K2M-...}. */
  public String text() {
    return text;
  }

  public String digest() {
    return digestOf(text);
  }

  /** The digest of user input, after the tolerant normalisation of Crockford base32. */
  public static String digestOf(String input) {
    return Digests.sha256Hex(normalise(input));
  }

  /** Constant-time check of user input against a stored digest. */
  public static boolean matches(String input, String storedDigest) {
    if (input == null || storedDigest == null) {
      return false;
    }
    byte[] given = HexFormat.of().parseHex(digestOf(input));
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(storedDigest);
    } catch (IllegalArgumentException corrupt) {
      return false;
    }
    return MessageDigest.isEqual(given, stored);
  }

  static String normalise(String input) {
    String s = input == null ? "" : input;
    if (s.length() > MAX_INPUT) {
      s = s.substring(0, MAX_INPUT);
    }
    StringBuilder sb = new StringBuilder(SYMBOLS);
    for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isDash(c)) {
        continue; // copied codes bring spaces, line breaks and typographic dashes along
      }
      switch (c) {
        case 'O' -> sb.append('0');
        case 'I', 'L' -> sb.append('1');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isDash(char c) {
    return c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212';
  }

  /** Never prints the code. */
  @Override
  public String toString() {
    return "ConfirmationCode[****]";
  }
}
