package org.handover.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Webhook targets: an IPv6 address that embeds a loopback, link-local or private IPv4 address
 * (NAT64, 6to4, SIIT, ISATAP, mapped, compatible) is not public, nor are ranges never used by a
 * public receiver (local-use NAT64, Teredo); public ones in those forms still are.
 */
class WebhookTargetsTest {

  private static boolean isPublic(String literal) throws Exception {
    return WebhookTargets.isPublic(InetAddress.getByName(literal));
  }

  @Test
  void addressesEmbeddingInsideAddressesAreRefused() throws Exception {
    for (String inside :
        new String[] {
          "64:ff9b::7f00:1", // NAT64 of 127.0.0.1
          "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
          "64:ff9b::a00:1", // NAT64 of 10.0.0.1
          "64:ff9b:1::a9fe:a9fe", // local-use NAT64
          "2002:7f00:1::1", // 6to4 of 127.0.0.1
          "2002:a9fe:a9fe::", // 6to4 of 169.254.169.254
          "2002:c0a8:101::1", // 6to4 of 192.168.1.1
          "::ffff:0:7f00:1", // SIIT of 127.0.0.1
          "::ffff:0:a9fe:a9fe", // SIIT of 169.254.169.254
          "::ffff:7f00:1", // mapped
          "::7f00:1", // compatible
          "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
          "fe80::1",
          "fd00::1",
          "2600:1f18::5efe:a9fe:a9fe", // ISATAP of 169.254.169.254
          "2600:1f18::200:5efe:7f00:1" // ISATAP of 127.0.0.1
        }) {
      assertThat(isPublic(inside)).as(inside).isFalse();
    }
  }

  @Test
  void publicAddressesInTheSameFormsAreAllowed() throws Exception {
    for (String outside :
        new String[] {
          "64:ff9b::5db8:d822", "2002:5db8:d822::1", "2606:4700::6810:84e5", "93.184.216.34"
        }) {
      assertThat(isPublic(outside)).as(outside).isTrue();
    }
  }
}
