package org.handover.security;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.handover.system.Nic;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;

/**
 * An authenticator in software for tests: a real P-256 key registered for an account as Spring
 * Security's store keeps one (with a "none" attestation object holding the public key), and
 * assertions signed with it carrying whatever flags and signature count a test wants, so that the
 * relying party's checks run for real on them.
 */
final class SoftAuthenticator {

  static final int USER_PRESENT = 0x01;
  static final int USER_VERIFIED = 0x04;

  private final KeyPair keys;
  private final Bytes id = Bytes.random();
  private final String rpId;
  private final String origin;

  private SoftAuthenticator(String rpId, String origin) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    this.keys = generator.generateKeyPair();
    this.rpId = rpId;
    this.origin = origin;
  }

  /** A new authenticator whose passkey for the account is stored with this signature count. */
  static SoftAuthenticator registered(
      PasskeyRepository repository, Nic nic, String rpId, String origin, long signCount)
      throws GeneralSecurityException {
    SoftAuthenticator authenticator = new SoftAuthenticator(rpId, origin);
    var user = FactorFixtures.userEntity(repository, nic);
    EC2COSEKey cose =
        EC2COSEKey.create(
            (ECPublicKey) authenticator.keys.getPublic(), COSEAlgorithmIdentifier.ES256);
    ObjectConverter converter = new ObjectConverter();
    var attested =
        new AttestedCredentialData(new AAGUID(new byte[16]), authenticator.id.getBytes(), cose);
    byte flags = (byte) (USER_PRESENT | USER_VERIFIED | 0x40);
    var attestation =
        new AttestationObject(
            new AuthenticatorData<>(sha256(rpId), flags, signCount, attested),
            new NoneAttestationStatement());
    repository
        .credentials()
        .save(
            ImmutableCredentialRecord.builder()
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .credentialId(authenticator.id)
                .userEntityUserId(user.getId())
                .publicKey(
                    new ImmutablePublicKeyCose(
                        converter.getCborConverter().writeValueAsBytes(cose)))
                .signatureCount(signCount)
                .uvInitialized(true)
                .transports(Set.of(AuthenticatorTransport.INTERNAL))
                .backupEligible(false)
                .backupState(false)
                .attestationObject(
                    new Bytes(
                        new AttestationObjectConverter(converter).convertToBytes(attestation)))
                .label("soft key")
                .created(Instant.now())
                .lastUsed(Instant.now())
                .build());
    return authenticator;
  }

  /** The passkey's id as the store keeps it. */
  String id() {
    return id.toBase64UrlString();
  }

  /** An assertion for the challenge, as the browser posts it, with these flags and count. */
  String assertion(Bytes challenge, int flags, long signCount) throws GeneralSecurityException {
    byte[] clientData =
        ("{\"type\":\"webauthn.get\",\"challenge\":\""
                + challenge.toBase64UrlString()
                + "\",\"origin\":\""
                + origin
                + "\",\"crossOrigin\":false}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] data =
        ByteBuffer.allocate(37).put(sha256(rpId)).put((byte) flags).putInt((int) signCount).array();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(data);
    signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
    return "{\"id\":\""
        + id()
        + "\",\"rawId\":\""
        + id()
        + "\",\"type\":\"public-key\",\"response\":{\"authenticatorData\":\""
        + b64(data)
        + "\",\"clientDataJSON\":\""
        + b64(clientData)
        + "\",\"signature\":\""
        + b64(signer.sign())
        + "\"},\"clientExtensionResults\":{}}";
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
