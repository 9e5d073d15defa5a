package org.handover.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Where {@link SmtpPipeline} connects, read from Spring's mail sender ({@code spring.mail.*}): only
 * a plain SMTP server without authentication or TLS, the relay next to the application. With a user
 * name, {@code smtps}, STARTTLS or any other transport, Jakarta Mail keeps speaking SMTP.
 */
record SmtpEndpoint(
    String host,
    int port,
    int connectTimeoutMillis,
    int readTimeoutMillis,
    String heloName,
    String envelopeFrom) {

  /** The endpoint of this sender, when Handover's own connection may speak to it. */
  static Optional<SmtpEndpoint> of(JavaMailSender sender) {
    if (!(sender instanceof JavaMailSenderImpl impl) || impl.getHost() == null) {
      return Optional.empty();
    }
    Properties p = impl.getJavaMailProperties();
    boolean plain =
        (impl.getProtocol() == null || "smtp".equals(impl.getProtocol()))
            && (impl.getUsername() == null || impl.getUsername().isBlank())
            && !on(p, "mail.smtp.auth")
            && !on(p, "mail.smtp.starttls.enable")
            && !on(p, "mail.smtp.ssl.enable")
            && p.getProperty("mail.smtp.socketFactory.class") == null;
    if (!plain) {
      return Optional.empty();
    }
    return Optional.of(
        new SmtpEndpoint(
            impl.getHost(),
            impl.getPort() > 0 ? impl.getPort() : 25,
            millis(p, "mail.smtp.connectiontimeout"),
            millis(p, "mail.smtp.timeout"),
            p.getProperty("mail.smtp.localhost", localName()),
            p.getProperty("mail.smtp.from")));
  }

  private static boolean on(Properties p, String key) {
    return "true".equalsIgnoreCase(String.valueOf(p.get(key)).strip());
  }

  /** A Jakarta Mail time-out in milliseconds; unset (infinite there) becomes a minute here. */
  private static int millis(Properties p, String key) {
    Object value = p.get(key);
    try {
      return value == null ? 60_000 : Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      return 60_000;
    }
  }

  private static String localName() {
    try {
      String name = InetAddress.getLocalHost().getCanonicalHostName();
      return name.matches("[A-Za-z0-9.-]+") ? name : "localhost";
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
