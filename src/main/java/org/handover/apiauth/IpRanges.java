package org.handover.apiauth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks a consumer key may be used from ({@code allowedIPs} of {@code POST
 * /auth/credential}): IPv4 or IPv6 addresses, each with an optional {@code /prefix}. Parsed without
 * any name lookup: only literal addresses are accepted.
 */
public record IpRanges(List<String> cidrs) {

  static final int MAX = 50;

  public IpRanges {
    cidrs = List.copyOf(cidrs);
  }

  /** Parses a list as sent; throws {@link ApiErrors.BadRequest} naming the first bad entry. */
  public static IpRanges parse(List<String> given) {
    if (given.size() > MAX) {
      throw new ApiErrors.BadRequest("api.error.allowedIPs.count", MAX);
    }
    List<String> cidrs = new ArrayList<>();
    for (String entry : given) {
      String cidr = entry == null ? "" : entry.strip();
      if (network(cidr) == null) {
        throw new ApiErrors.BadRequest(
            "api.error.allowedIPs.entry", cidr.length() > 60 ? cidr.substring(0, 60) + "…" : cidr);
      }
      cidrs.add(cidr);
    }
    return new IpRanges(cidrs);
  }

  /** The stored form: comma-separated. */
  String stored() {
    return String.join(",", cidrs);
  }

  static IpRanges fromStored(String stored) {
    return stored == null || stored.isEmpty() ? null : new IpRanges(List.of(stored.split(",")));
  }

  /** Whether the address (as the servlet container gives it) lies in one of the networks. */
  boolean allows(String remoteAddress) {
    byte[] address = literal(remoteAddress);
    if (address == null) {
      return false;
    }
    for (String cidr : cidrs) {
      Network network = network(cidr);
      if (network != null && network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private record Network(byte[] base, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != base.length) {
        return false;
      }
      int bits = base.length * 8;
      BigInteger mask =
          BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, base).and(mask));
    }
  }

  private static Network network(String cidr) {
    int slash = cidr.indexOf('/');
    byte[] base = literal(slash < 0 ? cidr : cidr.substring(0, slash));
    if (base == null) {
      return null;
    }
    int prefix = base.length * 8;
    if (slash >= 0) {
      String bits = cidr.substring(slash + 1);
      if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > prefix) {
        return null;
      }
      prefix = Integer.parseInt(bits);
    }
    return new Network(base, prefix);
  }

  /** The bytes of a literal IPv4 (dotted quad) or IPv6 address; null for anything else. */
  static byte[] literal(String text) {
    if (text == null
        || text.isEmpty()
        || text.length() > 45
        || !(text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            || text.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"))) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      // a literal only (checked above), so no name is ever looked up
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
