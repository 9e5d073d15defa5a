package org.handover.apiauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.handover.system.HandoverProperties;
import org.springframework.stereotype.Component;

/**
 * Seals secrets at rest (API application secrets, webhook secrets) with AES-256-GCM under the
 * server key ({@code handover.api.secret-key}, 32 bytes in base64): verifying a signature needs the
 * secret itself, so it is stored encrypted, never in plain text.
 */
@Component
public class SecretBox {

  private static final int NONCE = 12;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  SecretBox(HandoverProperties properties) {
    byte[] raw = Base64.getDecoder().decode(properties.api().secretKey().strip());
    if (raw.length != 32) {
      throw new IllegalStateException("handover.api.secret-key must be 32 bytes in base64");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  public String seal(String plain) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String open(String sealed) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
      return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open an application secret (wrong server key?)", e);
    }
  }
}
