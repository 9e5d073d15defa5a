package org.handover.security;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.account.AccountNotices;
import org.handover.audit.AuditLog;
import org.handover.mail.MailKind;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys and security keys (WebAuthn) as a second factor and a way to sign in. Every check of a
 * registration or an assertion is Spring Security's relying party (webauthn4j underneath); this
 * class adds what an account needs around it: names, one account's keys only, notices, audit, and
 * the same rules as for authenticator apps when one is removed.
 */
@Service
public class Passkeys {

  /** A passkey as its owner sees it. */
  public record Passkey(String id, String name, Instant createdAt, Instant lastUsedAt) {}

  private static final int USER_PRESENT = 0x01;
  private static final int USER_VERIFIED = 0x04;

  private static final JsonMapper JSON =
      JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

  private final WebAuthnRelyingPartyOperations relyingParty;
  private final PasskeyRepository repository;
  private final SecondFactors factors;
  private final AccountNotices notices;
  private final AuditLog audit;

  Passkeys(
      WebAuthnRelyingPartyOperations relyingParty,
      PasskeyRepository repository,
      SecondFactors factors,
      AccountNotices notices,
      AuditLog audit) {
    this.relyingParty = relyingParty;
    this.repository = repository;
    this.factors = factors;
    this.notices = notices;
    this.audit = audit;
  }

  public List<Passkey> list(Nic nic) {
    return repository.list(nic).stream()
        .map(p -> new Passkey(p.id(), p.name(), p.createdAt(), p.lastUsedAt()))
        .toList();
  }

  /** What the browser needs to create a passkey for the signed-in customer. */
  public PublicKeyCredentialCreationOptions creationOptions(Authentication customer) {
    return relyingParty.createPublicKeyCredentialCreationOptions(
        new ImmutablePublicKeyCredentialCreationOptionsRequest(customer));
  }

  /**
   * Registers the passkey the browser created ({@code {"label": name, "credential": …}}) for the
   * challenge it was sent with {@link #creationOptions}; returns new recovery codes when the
   * account had none, else an empty list.
   */
  @Transactional
  public List<String> register(
      Actor actor, Authentication customer, Bytes challenge, String registrationJson) {
    RelyingPartyPublicKey key;
    try {
      key = JSON.readValue(registrationJson, RelyingPartyPublicKey.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new Refused();
    }
    if (key == null || key.getCredential() == null || challenge == null) {
      throw new Refused();
    }
    String name = SecondFactors.name(key.getLabel());
    PublicKeyCredentialCreationOptions fresh = creationOptions(customer);
    PublicKeyCredentialCreationOptions sent =
        PublicKeyCredentialCreationOptions.builder()
            .rp(fresh.getRp())
            .user(fresh.getUser())
            .challenge(challenge)
            .pubKeyCredParams(fresh.getPubKeyCredParams())
            .timeout(fresh.getTimeout())
            .excludeCredentials(fresh.getExcludeCredentials())
            .authenticatorSelection(fresh.getAuthenticatorSelection())
            .attestation(fresh.getAttestation())
            .extensions(fresh.getExtensions())
            .build();
    try {
      relyingParty.registerCredential(
          new ImmutableRelyingPartyRegistrationRequest(
              sent, new RelyingPartyPublicKey(key.getCredential(), name)));
    } catch (RuntimeException invalid) {
      throw new Refused();
    }
    audit.record(actor, "security.passkeyAdded", null, null, name);
    notices.send(actor.nic(), MailKind.SECURITY_FACTOR_ADDED, name);
    return factors.recoveryCodesIfNone(actor.nic());
  }

  /**
   * What the browser needs to prove a passkey: for a signed-in (or half signed-in) customer, one of
   * their own passkeys; for a sign-in, any passkey of this site. User verification is required in
   * every case: a passkey here always stands for a factor (and at sign-in for the password too).
   */
  public PublicKeyCredentialRequestOptions requestOptions(Authentication current) {
    boolean signIn = current == null || !repositoryKnows(current);
    PublicKeyCredentialRequestOptions options =
        relyingParty.createCredentialRequestOptions(
            new ImmutablePublicKeyCredentialRequestOptionsRequest(signIn ? null : current));
    return verifyingUser(options, signIn ? List.of() : options.getAllowCredentials());
  }

  /**
   * The options with user verification required: also what the relying party is handed to check an
   * answer with, since the options sent come back from the session store as copies, which the
   * relying party's identity comparison of the requirement does not recognise.
   */
  private static PublicKeyCredentialRequestOptions verifyingUser(
      PublicKeyCredentialRequestOptions options, List<PublicKeyCredentialDescriptor> allowed) {
    return PublicKeyCredentialRequestOptions.builder()
        .challenge(options.getChallenge())
        .timeout(options.getTimeout())
        .rpId(options.getRpId())
        .allowCredentials(allowed)
        .userVerification(UserVerificationRequirement.REQUIRED)
        .extensions(options.getExtensions())
        .build();
  }

  private boolean repositoryKnows(Authentication current) {
    return current.isAuthenticated()
        && Nic.isValid(current.getName())
        && repository.any(Nic.parse(current.getName()));
  }

  /**
   * Checks an assertion against the options sent; returns the account whose passkey signed it. Its
   * authenticator must have verified the user (flags UP and UV), checked here whatever the options
   * said; its signature count must move forward (a cloned authenticator's does not), compared under
   * a lock of the passkey's row so that two answers with the same count cannot both pass. A refused
   * answer changes nothing.
   */
  @Transactional
  public Optional<Nic> verify(PublicKeyCredentialRequestOptions sent, String assertionJson) {
    if (sent == null) {
      return Optional.empty();
    }
    try {
      PublicKeyCredential<AuthenticatorAssertionResponse> assertion =
          JSON.readValue(assertionJson, new TypeReference<>() {});
      if (assertion == null
          || assertion.getResponse() == null
          || assertion.getRawId() == null
          || assertion.getResponse().getAuthenticatorData() == null) {
        return Optional.empty();
      }
      byte[] data = assertion.getResponse().getAuthenticatorData().getBytes();
      Optional<Long> stored = repository.lockSignCount(assertion.getRawId().toBase64UrlString());
      if (!userVerified(data) || stored.isEmpty() || !movesForward(signCount(data), stored.get())) {
        return Optional.empty();
      }
      var user =
          relyingParty.authenticate(
              new RelyingPartyAuthenticationRequest(
                  verifyingUser(sent, sent.getAllowCredentials()), assertion));
      return Nic.isValid(user.getName())
          ? Optional.of(Nic.parse(user.getName()))
          : Optional.empty();
    } catch (RuntimeException invalid) {
      return Optional.empty();
    }
  }

  /** Authenticator data: 32 bytes of relying-party hash, the flags, a 4-byte signature count. */
  private static boolean userVerified(byte[] data) {
    return data.length >= 37
        && (data[32] & (USER_PRESENT | USER_VERIFIED)) == (USER_PRESENT | USER_VERIFIED);
  }

  private static long signCount(byte[] data) {
    return ByteBuffer.wrap(data, 33, 4).getInt() & 0xFFFF_FFFFL;
  }

  /** An authenticator that counts (either count non-zero) must present more than last time. */
  static boolean movesForward(long presented, long stored) {
    return (presented == 0 && stored == 0) || presented > stored;
  }

  /** The options as JSON for the browser. */
  public static String json(Object options) {
    return JSON.writeValueAsString(options);
  }

  @Transactional
  public void rename(Actor actor, String id, String name) {
    if (repository.rename(actor.nic(), id, SecondFactors.name(name)) == 0) {
      throw new SecondFactors.NoSuchFactor();
    }
  }

  /**
   * Removes a passkey, as an authenticator app is removed: with the last factor go the recovery
   * codes; the account is told, its other sessions and its consumer keys end.
   */
  @Transactional
  public void remove(Actor actor, String id) {
    String name = repository.name(actor.nic(), id).orElseThrow(SecondFactors.NoSuchFactor::new);
    repository.delete(actor.nic(), id);
    factors.afterRemoval(actor, name);
  }

  /** The passkey could not be registered (a wrong, stale or repeated answer from the browser). */
  public static final class Refused extends HandoverException {
    Refused() {
      super(Kind.BAD_REQUEST, "security.passkey.refused");
    }
  }
}
