package org.handover.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A GreenMail SMTP server on a port fixed per test class, and the properties that point at it. */
public final class SmtpServer {

  private SmtpServer() {}

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh server per test method (mailboxes emptied), always on {@code port}. */
  public static GreenMailExtension on(int port) {
    return new GreenMailExtension(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  /** Points Handover's mail sender at the server; the dispatcher is driven by the test. */
  public static void register(DynamicPropertyRegistry registry, int port) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
    registry.add("handover.mail.poll-interval", () -> "PT1H");
    registry.add("handover.mail.from", () -> "Example Hosting <no-reply@mail.example.net>");
    registry.add("handover.mail.reply-to", () -> "support@example.net");
  }
}
