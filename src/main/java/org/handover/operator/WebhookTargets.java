package org.handover.operator;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.handover.system.Messages;
import org.springframework.stereotype.Component;

/**
 * Which URLs webhooks may be sent to: {@code https} only, no credentials in the URL, and a host
 * whose every address is public (not loopback, private, link-local, unique-local, shared, multicast
 * or unspecified, nor an IPv6 address that embeds such an IPv4 address), checked when the webhook
 * is registered and again before each delivery, after name resolution (a name that later points
 * inside is refused then). Redirects are never followed. {@code
 * handover.webhooks.allow-private-targets} lifts the address and scheme rules.
 */
@Component
class WebhookTargets {

  private final boolean allowPrivate;

  WebhookTargets(WebhookSettings settings) {
    this.allowPrivate = settings.allowPrivateTargets();
  }

  /** A refused target, with why. */
  static final class Refused extends Exception {
    private final String key;
    private final transient Object[] args;

    Refused(String key, Object... args) {
      super(Messages.english(key, args));
      this.key = key;
      this.args = args.clone();
    }

    /** The message key of the bundles that says why ({@code operator.invalid.url.*}). */
    String key() {
      return key;
    }

    Object[] args() {
      return args.clone();
    }
  }

  /** The URI if the target is allowed now, else why not. */
  URI check(String url) throws Refused {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("operator.invalid.url.syntax");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      throw new Refused("operator.invalid.url.https");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("operator.invalid.url.credentials");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new Refused("operator.invalid.url.host");
    }
    if (allowPrivate) {
      return uri;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new Refused("operator.invalid.url.unresolved", host);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new Refused("operator.invalid.url.private", host, address.getHostAddress());
      }
    }
    return uri;
  }

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // this network
          && !(first == 100 && second >= 64 && second < 128) // shared (carrier-grade NAT)
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      return isPublic6(b);
    }
    return true;
  }

  /**
   * An IPv6 address is public unless it is unique-local or in a range that is never a public
   * receiver (local-use NAT64 {@code 64:ff9b:1::/48}, Teredo {@code 2001::/32}, discard {@code
   * 100::/64}), and unless the IPv4 address it embeds is not public: IPv4-mapped and -compatible
   * ({@code ::ffff:0:0/96}, {@code ::/96}), IPv4-translated (SIIT, {@code ::ffff:0:0:0/96}), NAT64
   * ({@code 64:ff9b::/96}), 6to4 ({@code 2002::/16}) and ISATAP interface identifiers ({@code
   * …:0:5efe:a.b.c.d}, {@code …:200:5efe:a.b.c.d}).
   */
  private static boolean isPublic6(byte[] b) {
    int w0 = word(b, 0);
    int w1 = word(b, 1);
    if ((b[0] & 0xfe) == 0xfc // unique local fc00::/7
        || (w0 == 0x64 && w1 == 0xff9b && word(b, 2) == 1) // local-use NAT64 64:ff9b:1::/48
        || (w0 == 0x2001 && w1 == 0) // Teredo 2001::/32
        || (w0 == 0x100 && w1 == 0 && word(b, 2) == 0 && word(b, 3) == 0)) { // discard 100::/64
      return false;
    }
    if (w0 == 0x2002) { // 6to4: the IPv4 address follows the prefix
      return isPublic4(b[2], b[3], b[4], b[5]);
    }
    boolean zeroTo64 = w0 == 0 && w1 == 0 && word(b, 2) == 0 && word(b, 3) == 0;
    boolean embedsLast32 =
        (zeroTo64 && word(b, 4) == 0 && (word(b, 5) == 0 || word(b, 5) == 0xffff)) // mapped, compat
            || (zeroTo64 && word(b, 4) == 0xffff && word(b, 5) == 0) // SIIT ::ffff:0:0:0/96
            || (w0 == 0x64
                && w1 == 0xff9b
                && word(b, 2) == 0
                && word(b, 3) == 0 // NAT64
                && word(b, 4) == 0
                && word(b, 5) == 0)
            || ((word(b, 4) & 0xfdff) == 0 && word(b, 5) == 0x5efe); // ISATAP
    return !embedsLast32 || isPublic4(b[12], b[13], b[14], b[15]);
  }

  private static boolean isPublic4(byte a, byte b, byte c, byte d) {
    try {
      return isPublic(InetAddress.getByAddress(new byte[] {a, b, c, d}));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static int word(byte[] b, int i) {
    return ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
  }
}
