package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.List;
import org.handover.support.IntegrationTest;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;

/**
 * The check of a passkey's answer, with real signatures from a {@link SoftAuthenticator}: the
 * authenticator must have verified the user (flags 0x05), whether the passkey signs in alone or
 * stands for the second factor or a step-up, and a signature count that does not move forward (a
 * cloned authenticator) is refused. The options checked against are a serialized copy, as they come
 * back from the session store between the two requests of the ceremony.
 */
class PasskeyVerificationTest extends IntegrationTest {

  @Autowired Passkeys passkeys;
  @Autowired PasskeyRepository repository;
  @Autowired HandoverProperties properties;
  @Autowired JdbcClient jdbc;

  private SoftAuthenticator authenticatorOf(Nic nic, long signCount) throws Exception {
    URI base = URI.create(properties.publicBaseUrl());
    String origin =
        base.getScheme()
            + "://"
            + base.getHost()
            + (base.getPort() < 0 ? "" : ":" + base.getPort());
    return SoftAuthenticator.registered(repository, nic, base.getHost(), origin, signCount);
  }

  /** Options for a sign-in with the passkey alone, as the session store gives them back. */
  private PublicKeyCredentialRequestOptions signIn() throws Exception {
    return storedAndLoaded(passkeys.requestOptions(null));
  }

  /** Options for a customer's own passkey (second step, step-up), as the store gives them back. */
  private PublicKeyCredentialRequestOptions ownPasskey(Nic nic) throws Exception {
    var customer =
        UsernamePasswordAuthenticationToken.authenticated(
            nic.value(), null, List.of(new SimpleGrantedAuthority(SignIns.PENDING)));
    PublicKeyCredentialRequestOptions options = passkeys.requestOptions(customer);
    assertThat(options.getAllowCredentials()).isNotEmpty();
    return storedAndLoaded(options);
  }

  private static PublicKeyCredentialRequestOptions storedAndLoaded(
      PublicKeyCredentialRequestOptions options) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(options);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PublicKeyCredentialRequestOptions) in.readObject();
    }
  }

  private long storedCount(SoftAuthenticator authenticator) {
    return jdbc.sql("select signature_count from user_credentials where credential_id = ?")
        .param(authenticator.id())
        .query(Long.class)
        .single();
  }

  private static final int VERIFIED =
      SoftAuthenticator.USER_PRESENT | SoftAuthenticator.USER_VERIFIED;

  @Test
  void aVerifiedAnswerSignsInAndMovesTheCountOn() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    SoftAuthenticator key = authenticatorOf(nic, 3);
    var sent = signIn();
    assertThat(passkeys.verify(sent, key.assertion(sent.getChallenge(), VERIFIED, 4)))
        .contains(nic);
    assertThat(storedCount(key)).isEqualTo(4);

    var second = ownPasskey(nic);
    assertThat(passkeys.verify(second, key.assertion(second.getChallenge(), VERIFIED, 5)))
        .contains(nic);
  }

  @Test
  void anAnswerWithoutUserVerificationCountsNowhereAndChangesNothing() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    SoftAuthenticator key = authenticatorOf(nic, 3);
    int presentOnly = SoftAuthenticator.USER_PRESENT; // flags 0x01

    var sent = signIn();
    assertThat(passkeys.verify(sent, key.assertion(sent.getChallenge(), presentOnly, 4))).isEmpty();
    var second = ownPasskey(nic);
    assertThat(passkeys.verify(second, key.assertion(second.getChallenge(), presentOnly, 4)))
        .isEmpty();
    var verifiedOnly = ownPasskey(nic);
    assertThat(
            passkeys.verify(
                verifiedOnly,
                key.assertion(verifiedOnly.getChallenge(), SoftAuthenticator.USER_VERIFIED, 4)))
        .isEmpty();
    assertThat(storedCount(key)).isEqualTo(3);
  }

  @Test
  void aSignatureCountThatDoesNotMoveForwardIsAClone() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    SoftAuthenticator key = authenticatorOf(nic, 7);
    for (long count : new long[] {7, 2, 0}) {
      var sent = signIn();
      assertThat(passkeys.verify(sent, key.assertion(sent.getChallenge(), VERIFIED, count)))
          .as("count %d after 7", count)
          .isEmpty();
    }
    assertThat(storedCount(key)).isEqualTo(7);
    var sent = signIn();
    assertThat(passkeys.verify(sent, key.assertion(sent.getChallenge(), VERIFIED, 8)))
        .contains(nic);
  }

  @Test
  void anAuthenticatorThatDoesNotCountStaysUsable() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    SoftAuthenticator key = authenticatorOf(nic, 0);
    for (int i = 0; i < 2; i++) {
      var sent = signIn();
      assertThat(passkeys.verify(sent, key.assertion(sent.getChallenge(), VERIFIED, 0)))
          .contains(nic);
    }
    assertThat(Passkeys.movesForward(0, 0)).isTrue();
    assertThat(Passkeys.movesForward(1, 0)).isTrue();
    assertThat(Passkeys.movesForward(0, 1)).isFalse();
  }
}
