package org.handover.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server for delivery-failure tests: it answers {@code RCPT TO} with the reply the
 * recipient's local part asks for ({@code reject…}: 550, {@code busy…}: 451, anything else: 250)
 * and accepts every message it receives. Loopback only, one connection at a time.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final Thread thread;

  public ScriptedSmtpServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The recipients of every message accepted so far. */
  public List<String> delivered() {
    return delivered;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException closedOrDropped) {
        // the next connection starts afresh
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = client.getOutputStream();
    reply(out, "220 scripted.test ESMTP");
    List<String> accepted = new CopyOnWriteArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        reply(out, "250 scripted.test");
      } else if (command.startsWith("MAIL FROM")) {
        accepted.clear();
        reply(out, "250 2.1.0 Ok");
      } else if (command.startsWith("RCPT TO")) {
        String address = line.replaceAll(".*<([^>]*)>.*", "$1");
        if (address.startsWith("reject")) {
          reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
        } else if (address.startsWith("busy")) {
          reply(out, "451 4.2.0 <" + address + ">: Mailbox busy, try again later");
        } else {
          accepted.add(address);
          reply(out, "250 2.1.5 Ok");
        }
      } else if (command.equals("DATA")) {
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message itself is not needed
        }
        delivered.addAll(accepted);
        reply(out, "250 2.0.0 Ok: queued");
      } else if (command.equals("RSET") || command.equals("NOOP")) {
        accepted.clear();
        reply(out, "250 2.0.0 Ok");
      } else if (command.equals("QUIT")) {
        reply(out, "221 2.0.0 Bye");
        return;
      } else {
        reply(out, "502 5.5.2 Command not recognised");
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
