package org.handover.operator;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which URLs webhooks may be sent to: {@code https} only, no credentials in the URL, and a host
 * whose every address is public (not loopback, private, link-local, unique-local, shared, multicast
 * or unspecified), checked when the webhook is registered and again before each delivery, after
 * name resolution (a name that later points inside is refused then). Redirects are never followed.
 * {@code handover.webhooks.allow-private-targets} lifts the address and scheme rules.
 */
@Component
class WebhookTargets {

  private final boolean allowPrivate;

  WebhookTargets(WebhookSettings settings) {
    this.allowPrivate = settings.allowPrivateTargets();
  }

  /** A refused target, with why. */
  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }

  /** The URI if the target is allowed now, else why not. */
  URI check(String url) throws Refused {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      throw new Refused("only https URLs are allowed");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("credentials in the URL are not allowed");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new Refused("the URL has no host");
    }
    if (allowPrivate) {
      return uri;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new Refused("the host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new Refused(
            "the host "
                + host
                + " resolves to "
                + address.getHostAddress()
                + ", which is not a public address");
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
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
        return false;
      }
      boolean mappedOrCompatible = true;
      for (int i = 0; i < 10; i++) {
        mappedOrCompatible &= b[i] == 0;
      }
      if (mappedOrCompatible
          && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}
