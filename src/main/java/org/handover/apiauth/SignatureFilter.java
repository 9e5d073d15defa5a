package org.handover.apiauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.handover.system.HandoverProperties;
import org.handover.system.web.ReplayedBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls to the customer API as the reference API does: {@code X-Ovh-Application},
 * {@code X-Ovh-Consumer}, {@code X-Ovh-Timestamp} (within the allowed skew) and {@code
 * X-Ovh-Signature} = "$1$" + SHA-1 of secret+consumer+method+URL+body+timestamp, accepted over the
 * request's own URL or over https:// + host without port + path. The credential's access rules must
 * grant the call. Every response carries {@code X-Ovh-QueryID}.
 */
public class SignatureFilter extends OncePerRequestFilter {

  /** Request attribute holding the {@link ApiCaller} of an authenticated call. */
  public static final String CALLER = ApiCaller.class.getName();

  private final VerifiedKeys keys;
  private final Clock clock;
  private final HandoverProperties.Api settings;

  SignatureFilter(VerifiedKeys keys, Clock clock, HandoverProperties properties) {
    this.keys = keys;
    this.clock = clock;
    this.settings = properties.api();
  }

  /**
   * The path below the API root ({@code /1.0}, {@code /v1}, or {@code /v2} where the reference's
   * IAM lives, signed the same way), or null outside the API.
   */
  static String apiPath(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    for (String root : new String[] {"/1.0", "/v1", "/v2"}) {
      if (uri.equals(root)) {
        return "/";
      }
      if (uri.startsWith(root + "/")) {
        return uri.substring(root.length());
      }
    }
    return null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = apiPath(request);
    if (path == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("X-Ovh-QueryID", "HO-" + UUID.randomUUID());
    byte[] body = request.getInputStream().readNBytes(settings.maxBodyBytes() + 1);
    if (body.length > settings.maxBodyBytes()) {
      ApiErrors.write(
          request,
          response,
          ApiErrors.of(
              HttpStatus.BAD_REQUEST, null, "api.error.bodyTooLarge", settings.maxBodyBytes()));
      return;
    }
    HttpServletRequest replayable = new ReplayedBody(request, body);
    if (path.equals("/auth/time") || path.equals("/auth/credential")) {
      chain.doFilter(replayable, response);
      return;
    }
    try {
      request.setAttribute(CALLER, authenticate(request, path, body));
    } catch (ApiErrors.ApiException refused) {
      ApiErrors.write(request, response, refused);
      return;
    }
    chain.doFilter(replayable, response);
  }

  private ApiCaller authenticate(HttpServletRequest request, String path, byte[] body) {
    String appKey = request.getHeader("X-Ovh-Application");
    String consumer = request.getHeader("X-Ovh-Consumer");
    String timestamp = request.getHeader("X-Ovh-Timestamp");
    String signature = request.getHeader("X-Ovh-Signature");
    if (appKey == null || consumer == null || timestamp == null || signature == null) {
      throw ApiErrors.notCredential("api.error.missingHeaders");
    }
    // a verified (and cached) credential proves its application key exists: only a call that does
    // not verify looks the key up, to say which of the two is wrong
    Optional<VerifiedKeys.Verified> verified = keys.verify(appKey, consumer);
    if (verified.isEmpty() && keys.applicationId(appKey).isEmpty()) {
      throw ApiErrors.invalidKey();
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw ApiErrors.queryTimeOut("api.error.timestampFormat");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - ts) > settings.clockSkew().toSeconds()) {
      throw ApiErrors.queryTimeOut("api.error.timestampSkew", settings.clockSkew().toSeconds());
    }
    VerifiedKeys.Verified credential = verified.orElseThrow(ApiErrors::invalidCredential);
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    String bodyText = new String(body, StandardCharsets.UTF_8);
    String ownUrl = request.getRequestURL() + query;
    String httpsNoPort = "https://" + request.getServerName() + request.getRequestURI() + query;
    String method = request.getMethod();
    if (!matches(signature, credential.secret(), consumer, method, ownUrl, bodyText, timestamp)
        && !matches(
            signature, credential.secret(), consumer, method, httpsNoPort, bodyText, timestamp)) {
      throw ApiErrors.invalidSignature();
    }
    if (!credential.allowsAddress(request.getRemoteAddr())) {
      throw ApiErrors.of(
          HttpStatus.FORBIDDEN, "FORBIDDEN", "api.error.address", request.getRemoteAddr());
    }
    if (credential.rules().stream().noneMatch(r -> r.grants(method, path))) {
      throw ApiErrors.notGranted(method, path);
    }
    return new ApiCaller(
        credential.nic(),
        credential.credentialId(),
        credential.applicationId(),
        credential.rules(),
        request.getRemoteAddr());
  }

  private static boolean matches(
      String given,
      String secret,
      String consumer,
      String method,
      String url,
      String body,
      String ts) {
    String expected =
        "$1$" + sha1(secret + "+" + consumer + "+" + method + "+" + url + "+" + body + "+" + ts);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        given.strip().getBytes(StandardCharsets.US_ASCII));
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
