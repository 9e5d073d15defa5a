package org.handover.system;

import java.util.Locale;

/**
 * The one way a client address is shown to a person: IPv6 in its canonical text form (RFC 5952 —
 * lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}, the first
 * one on a tie), an IPv4-mapped address as plain IPv4 ({@code ::ffff:192.0.2.1} is {@code
 * 192.0.2.1}), so the servlet container's {@code 0:0:0:0:0:0:0:1} reads {@code ::1}. IPv4 and
 * anything that is not an address literal come back as they are. Pure text work: never a DNS
 * lookup.
 */
public final class IpAddresses {

  private static final int GROUPS = 8;

  private IpAddresses() {}

  /** The address as people read it; null stays null. */
  public static String shown(String address) {
    if (address == null) {
      return null;
    }
    String text = address.strip();
    if (text.length() > 2 && text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    int percent = text.indexOf('%');
    String zone = percent < 0 ? "" : text.substring(percent);
    int[] groups = groups(percent < 0 ? text : text.substring(0, percent));
    return groups == null ? address : canonical(groups) + zone;
  }

  /** The eight 16-bit groups of an IPv6 literal, or null when it is not one. */
  private static int[] groups(String text) {
    if (text.indexOf(':') < 0 || text.length() > 45) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = gap < 0 ? parts(text, true) : parts(text.substring(0, gap), false);
    int[] tail = gap < 0 ? new int[0] : parts(text.substring(gap + 2), true);
    if (head == null || tail == null) {
      return null;
    }
    int given = head.length + tail.length;
    if (gap < 0 ? given != GROUPS : given > GROUPS - 1) {
      return null;
    }
    int[] all = new int[GROUPS];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, GROUPS - tail.length, tail.length);
    return all;
  }

  /** Groups separated by single colons; the last may be dotted IPv4 when {@code last} allows. */
  private static int[] parts(String text, boolean last) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] pieces = text.split(":", -1);
    boolean dotted = last && pieces[pieces.length - 1].indexOf('.') >= 0;
    int[] out = new int[pieces.length + (dotted ? 1 : 0)];
    for (int i = 0; i < pieces.length; i++) {
      if (dotted && i == pieces.length - 1) {
        long v4 = ipv4(pieces[i]);
        if (v4 < 0) {
          return null;
        }
        out[i] = (int) (v4 >>> 16);
        out[i + 1] = (int) (v4 & 0xffff);
      } else if (pieces[i].isEmpty() || pieces[i].length() > 4 || !hex(pieces[i])) {
        return null;
      } else {
        out[i] = Integer.parseInt(pieces[i], 16);
      }
    }
    return out;
  }

  private static boolean hex(String s) {
    return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
  }

  /** A dotted IPv4 address as a 32-bit number, or -1. */
  private static long ipv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return -1;
    }
    long value = 0;
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      int n = Integer.parseInt(o);
      if (n > 255) {
        return -1;
      }
      value = value << 8 | n;
    }
    return value;
  }

  private static String canonical(int[] g) {
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      return (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < GROUPS; ) {
      int j = i;
      while (j < GROUPS && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < GROUPS; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
