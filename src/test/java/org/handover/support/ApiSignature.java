package org.handover.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The customer API's request signature as the reference clients compute it: {@code "$1$" +
 * sha1hex(secret+consumerKey+METHOD+url+body+timestamp)}, joined by {@code +}.
 */
public final class ApiSignature {

  private ApiSignature() {}

  public static String of(
      String secret, String consumerKey, String method, String url, String body, long timestamp) {
    String raw = String.join("+", secret, consumerKey, method, url, body, Long.toString(timestamp));
    try {
      return "$1$"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1").digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
