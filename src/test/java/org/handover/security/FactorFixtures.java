package org.handover.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.handover.system.Nic;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Second factors for tests: a stored passkey, a session whose factor was checked at a time. */
final class FactorFixtures {

  private FactorFixtures() {}

  /**
   * Stores a passkey for the account as Spring Security's store writes one at registration (its
   * public key is the given bytes, never used to verify here); returns its id.
   */
  static String passkeyOf(
      PasskeyRepository repository, Nic nic, String name, byte[] publicKey, Instant created) {
    var user = userEntity(repository, nic);
    Bytes id = Bytes.random();
    repository
        .credentials()
        .save(
            ImmutableCredentialRecord.builder()
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .credentialId(id)
                .userEntityUserId(user.getId())
                .publicKey(new ImmutablePublicKeyCose(publicKey))
                .signatureCount(3)
                .uvInitialized(true)
                .transports(Set.of(AuthenticatorTransport.USB, AuthenticatorTransport.NFC))
                .backupEligible(true)
                .backupState(false)
                .attestationObject(new Bytes(new byte[] {9, 8, 7}))
                .label(name)
                .created(created)
                .lastUsed(created)
                .build());
    return id.toBase64UrlString();
  }

  /** The account's WebAuthn user entity, created as Spring Security's store creates one. */
  static PublicKeyCredentialUserEntity userEntity(PasskeyRepository repository, Nic nic) {
    var user = repository.users().findByUsername(nic.value());
    if (user == null) {
      user =
          ImmutablePublicKeyCredentialUserEntity.builder()
              .id(Bytes.random())
              .name(nic.value())
              .displayName(nic.value())
              .build();
      repository.users().save(user);
    }
    return user;
  }

  static String passkeyOf(PasskeyRepository repository, Nic nic, String name) {
    return passkeyOf(repository, nic, name, new byte[] {1, 2, 3}, Instant.now());
  }

  /** A signed-in customer whose second factor was last checked at {@code checkedAt}. */
  static RequestPostProcessor customer(Nic nic, Instant checkedAt) {
    return authentication(
        UsernamePasswordAuthenticationToken.authenticated(
            nic.value(),
            null,
            List.of(
                new SimpleGrantedAuthority(SignIns.CUSTOMER),
                FactorGrantedAuthority.withFactor("WEBAUTHN").issuedAt(checkedAt).build())));
  }
}
