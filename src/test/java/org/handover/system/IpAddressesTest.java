package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Addresses are shown to people in their canonical text form (RFC 5952): IPv6 lower case, without
 * leading zeros, the longest run of zero groups written {@code ::}, and an IPv4-mapped address as
 * the IPv4 address it is.
 */
class IpAddressesTest {

  @Test
  void theLoopbackInJavasLongFormIsShownShort() {
    assertThat(IpAddresses.shown("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(IpAddresses.shown("0:0:0:0:0:0:0:0")).isEqualTo("::");
    assertThat(IpAddresses.shown("1:0:0:0:0:0:0:0")).isEqualTo("1::");
  }

  @Test
  void leadingZerosGoAndLettersAreLowerCase() {
    assertThat(IpAddresses.shown("2001:0DB8:0000:0000:0000:FF00:0042:8329"))
        .isEqualTo("2001:db8::ff00:42:8329");
    assertThat(IpAddresses.shown("2001:DB8::1")).isEqualTo("2001:db8::1");
  }

  @Test
  void theLongestRunOfZerosIsCompressedTheFirstOnATieAndASingleZeroNever() {
    assertThat(IpAddresses.shown("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(IpAddresses.shown("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
    assertThat(IpAddresses.shown("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(IpAddresses.shown("2001:db8::0:1")).isEqualTo("2001:db8::1");
  }

  @Test
  void anIpv4MappedAddressIsShownAsIpv4() {
    assertThat(IpAddresses.shown("0:0:0:0:0:ffff:c000:280")).isEqualTo("192.0.2.128");
    assertThat(IpAddresses.shown("::FFFF:192.0.2.128")).isEqualTo("192.0.2.128");
    assertThat(IpAddresses.shown("::192.0.2.128")).isEqualTo("::c000:280");
  }

  @Test
  void aZoneIsKeptAndIpv4IsUnchanged() {
    assertThat(IpAddresses.shown("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1%eth0");
    assertThat(IpAddresses.shown("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(IpAddresses.shown("[0:0:0:0:0:0:0:1]")).isEqualTo("::1");
  }

  @Test
  void whatIsNoAddressIsShownAsItCameAndNullStaysNull() {
    assertThat(IpAddresses.shown(null)).isNull();
    assertThat(IpAddresses.shown("unknown")).isEqualTo("unknown");
    assertThat(IpAddresses.shown("1:2:3")).isEqualTo("1:2:3");
    assertThat(IpAddresses.shown("1::2::3")).isEqualTo("1::2::3");
    assertThat(IpAddresses.shown("1:2:3:4:5:6:7:8:9")).isEqualTo("1:2:3:4:5:6:7:8:9");
    assertThat(IpAddresses.shown("12345::1")).isEqualTo("12345::1");
    assertThat(IpAddresses.shown("::ffff:300.1.1.1")).isEqualTo("::ffff:300.1.1.1");
  }
}
