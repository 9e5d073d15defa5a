package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handover.account.Accounts;
import org.handover.audit.SecurityEntry;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.support.IntegrationTest;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.handover.system.Throttle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;

/**
 * What account protection keeps in the database, on each database a subclass points it at: sign-in
 * failures shared by every instance (two guards with nothing in common but the database see one
 * count; concurrent failures are each counted once), and passkeys as Spring Security's JDBC stores
 * write them, read back by account.
 */
abstract class SecurityStoresTests extends IntegrationTest {

  @Autowired Accounts accounts;
  @Autowired HandoverProperties properties;
  @Autowired JdbcClient jdbc;
  @Autowired PasskeyRepository passkeys;

  /** A guard as another instance has it: its own memory, the same database. */
  private SignInGuard instance() {
    return new SignInGuard(
        accounts, new Throttle(), properties, clock, new SignInFailureRepository(jdbc));
  }

  private static String key(Nic nic) {
    return "account:" + nic.value();
  }

  @Test
  void twoInstancesShareTheFailuresOfAnAccount() {
    SignInGuard first = instance();
    SignInGuard second = instance();
    String key = key(fixtures.account());

    for (int i = 0; i < 5; i++) {
      assertThat(first.mayTry(key, "192.0.2." + i, null)).isTrue();
      assertThat(second.mayTry(key, "198.51.100." + i, null)).isTrue();
      (i % 2 == 0 ? first : second).failed(key, "192.0.2." + i, null);
    }
    // five failures, some on each: both hold the account back for the first delay
    assertThat(first.mayTry(key, "203.0.113.1", null)).isFalse();
    assertThat(second.mayTry(key, "203.0.113.2", null)).isFalse();
    assertThat(second.waitFor(key)).isEqualTo(Duration.ofMinutes(1));

    clock.advance(Duration.ofMinutes(1));
    assertThat(first.mayTry(key, "203.0.113.1", null)).isTrue();
    second.failed(key, "203.0.113.2", null); // the sixth: two minutes now, on both
    assertThat(first.waitFor(key)).isEqualTo(Duration.ofMinutes(2));

    clock.advance(Duration.ofMinutes(2));
    first.succeeded(key, null); // a complete sign-in on one forgets them on both
    assertThat(second.waitFor(key)).isZero();
    for (int i = 0; i < 4; i++) {
      second.failed(key, "203.0.113.2", null);
    }
    assertThat(first.mayTry(key, "203.0.113.1", null)).isTrue(); // counting from zero again
  }

  @Test
  void concurrentFailuresOnTwoInstancesAreEachCountedOnce() throws Exception {
    List<SignInGuard> guards = List.of(instance(), instance());
    String key = key(fixtures.account());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        SignInGuard guard = guards.get(t % 2);
        tasks.add(
            () -> {
              for (int i = 0; i < 10; i++) {
                guard.failed(key, "192.0.2.9", null);
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(
            jdbc.sql("select failures from sign_in_failures where failure_key = ?")
                .param(key)
                .query(Integer.class)
                .single())
        .isEqualTo(80);
  }

  @Test
  void failuresADayOldAreForgottenAndPurged() {
    SignInGuard guard = instance();
    String old = key(fixtures.account());
    for (int i = 0; i < 7; i++) {
      guard.failed(old, "192.0.2.1", null);
    }
    assertThat(guard.waitFor(old)).isEqualTo(Duration.ofMinutes(4));

    clock.advance(SignInGuard.FORGET_AFTER.plusSeconds(1));
    assertThat(guard.waitFor(old)).isZero();
    guard.failed(old, "192.0.2.1", null); // counts from one again
    assertThat(guard.mayTry(old, "192.0.2.1", null)).isTrue();

    String stale = key(fixtures.account());
    guard.failed(stale, "192.0.2.1", null);
    clock.advance(SignInGuard.FORGET_AFTER.plusSeconds(1));
    guard.failed("login:" + "x".repeat(500), "192.0.2.1", null); // a new key purges old rows
    assertThat(
            jdbc.sql("select count(*) from sign_in_failures where failure_key = ?")
                .param(stale)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void passkeysWrittenBySpringSecuritysStoreAreReadBackByAccount() {
    Nic nic = fixtures.account();
    byte[] key = new byte[77];
    new Random(7).nextBytes(key);
    Instant created = clock.instant();
    Bytes id = Bytes.fromBase64(FactorFixtures.passkeyOf(passkeys, nic, "Key ring", key, created));
    var user = passkeys.users().findByUsername(nic.value());

    var read = passkeys.credentials().findByCredentialId(id);
    assertThat(read.getPublicKey().getBytes()).isEqualTo(key);
    assertThat(read.getAttestationObject().getBytes()).containsExactly(9, 8, 7);
    assertThat(read.getTransports())
        .containsExactlyInAnyOrder(AuthenticatorTransport.USB, AuthenticatorTransport.NFC);
    assertThat(read.getUserEntityUserId()).isEqualTo(user.getId());
    assertThat(passkeys.any(nic)).isTrue();
    assertThat(passkeys.list(nic))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("Key ring");
              assertThat(p.createdAt()).isEqualTo(created);
            });

    Nic other = fixtures.account();
    assertThat(passkeys.rename(other, id.toBase64UrlString(), "mine")).isZero();
    assertThat(passkeys.delete(other, id.toBase64UrlString())).isZero();
    assertThat(passkeys.rename(nic, id.toBase64UrlString(), "Office")).isOne();
    assertThat(passkeys.name(nic, id.toBase64UrlString())).contains("Office");
    assertThat(passkeys.delete(nic, id.toBase64UrlString())).isOne();
    assertThat(passkeys.any(nic)).isFalse();
  }

  @Autowired SecurityLog securityLog;
  @Autowired ProviderSessionRepository providerSessions;

  @Test
  void theSecurityLogIsReadNewestFirstByPagesExportedWholeAndPurgedByAge() {
    Nic nic = fixtures.account();
    for (int i = 0; i < SecurityLog.PAGE + 5; i++) {
      securityLog.record(nic, SecurityEvent.handOver, SecurityLog.Details.detail("line " + i));
    }
    SecurityLog.Page first = securityLog.page(nic, null);
    assertThat(first.entries()).hasSize(SecurityLog.PAGE);
    assertThat(first.entries().get(0).detail()).isEqualTo("line " + (SecurityLog.PAGE + 4));
    SecurityLog.Page second = securityLog.page(nic, first.nextBefore());
    assertThat(second.entries()).extracting(SecurityEntry::detail).endsWith("line 0").hasSize(5);
    assertThat(second.nextBefore()).isNull();
    List<String> all = new ArrayList<>();
    securityLog.export(nic, e -> all.add(e.detail()));
    assertThat(all).hasSize(SecurityLog.PAGE + 5).startsWith("line " + (SecurityLog.PAGE + 4));
    clock.advance(Duration.ofDays(401));
    securityLog.purge();
    assertThat(securityLog.page(nic, null).entries()).isEmpty();
  }

  @Test
  void providerSessionsAreTakenBySidOrByThePerson() {
    var a =
        new ProviderSessionRepository.Row("s-1", "https://idp", "sub-1", "sid-1", "aa100001-ovh");
    var b =
        new ProviderSessionRepository.Row("s-2", "https://idp", "sub-1", "sid-2", "aa100001-ovh");
    var c = new ProviderSessionRepository.Row("s-3", "https://idp", "sub-2", null, "aa100002-ovh");
    for (var row : List.of(a, b, c)) {
      providerSessions.save(row, clock.instant());
    }
    assertThat(providerSessions.take("https://idp", "sub-1", "sid-2")).containsExactly(b);
    assertThat(providerSessions.take("https://other", "sub-1", null)).isEmpty();
    assertThat(providerSessions.take("https://idp", "sub-1", null)).containsExactly(a);
    assertThat(providerSessions.take("https://idp", "sub-2", null)).containsExactly(c);
  }
}
