package org.handover.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.handover.account.AccountNotices;
import org.handover.mail.MailKind;
import org.handover.system.Digests;
import org.handover.system.IpAddresses;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browsers that signed in to an account before, known by a random long-lived cookie whose digest is
 * stored per account. A sign-in from a browser new to an account that already has known ones sends
 * the account a notice.
 */
@Component
public class KnownDevices {

  static final String COOKIE = "HANDOVER_DEVICE";
  private static final Duration LIFETIME = Duration.ofDays(400);

  private final KnownDeviceRepository repository;
  private final AccountNotices notices;
  private final BrowserNames browsers;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  KnownDevices(
      KnownDeviceRepository repository,
      AccountNotices notices,
      BrowserNames browsers,
      Clock clock) {
    this.repository = repository;
    this.notices = notices;
    this.browsers = browsers;
    this.clock = clock;
  }

  /** The device cookie's digest when this browser signed in to the account before, else null. */
  public String known(String accountKey, HttpServletRequest request) {
    String cookie = cookie(request);
    if (cookie == null || !accountKey.startsWith("account:")) {
      return null;
    }
    String digest = Digests.sha256Hex(cookie);
    return repository.isKnown(accountKey.substring("account:".length()), digest) ? digest : null;
  }

  /** Remembers this browser for the account (setting its cookie if needed); notices a new one. */
  @Transactional
  public void remember(Nic nic, HttpServletRequest request, HttpServletResponse response) {
    String cookie = cookie(request);
    if (cookie == null) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      cookie = HexFormat.of().formatHex(bytes);
      Cookie c = new Cookie(COOKIE, cookie);
      c.setHttpOnly(true);
      c.setSecure(request.isSecure());
      c.setPath("/");
      c.setMaxAge((int) LIFETIME.toSeconds());
      c.setAttribute("SameSite", "Lax");
      response.addCookie(c);
    }
    String digest = Digests.sha256Hex(cookie);
    String agent = request.getHeader("User-Agent");
    agent = agent == null ? "" : agent.substring(0, Math.min(300, agent.length()));
    Instant now = clock.instant();
    if (repository.touch(nic, digest, now)) {
      return;
    }
    long others = repository.count(nic);
    repository.insert(nic, digest, agent, now);
    if (others > 0) {
      String address = IpAddresses.shown(request.getRemoteAddr());
      String named = agent;
      notices.sendWritten(
          nic,
          MailKind.SECURITY_NEW_DEVICE,
          language -> browsers.name(named, language) + " (" + address + ")");
    }
  }

  private static String cookie(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return null;
    }
    for (Cookie c : request.getCookies()) {
      if (COOKIE.equals(c.getName())
          && c.getValue() != null
          && c.getValue().matches("[0-9a-f]{48}")) {
        return c.getValue();
      }
    }
    return null;
  }
}
