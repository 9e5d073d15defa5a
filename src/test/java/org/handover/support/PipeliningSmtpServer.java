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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that offers PIPELINING (RFC 2920), for the dispatcher's pipelined delivery: a
 * thread per connection, answers in order whatever the client sent ahead, refuses recipients as
 * {@link ScriptedSmtpServer} does ({@code reject…}: 550, {@code busy…}: 451), and counts the
 * commands that arrived before the previous one was answered. {@link #hangUpAfter} makes it drop
 * each connection once it received a given number of messages' data, before acknowledging the last
 * one.
 */
public final class PipeliningSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final AtomicInteger sentAhead = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile int hangUpAfter = Integer.MAX_VALUE;

  public PipeliningSmtpServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::serve, "pipelining-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The recipients of every message whose data arrived (acknowledged or not). */
  public List<String> delivered() {
    return delivered;
  }

  /** How many commands the client had sent before the reply to the previous one. */
  public int commandsSentAhead() {
    return sentAhead.get();
  }

  /** How many connections were accepted. */
  public int connections() {
    return connections.get();
  }

  /** From now on, drop each connection when its {@code messages}-th message's data arrived. */
  public void hangUpAfter(int messages) {
    hangUpAfter = messages;
  }

  public void reset() {
    delivered.clear();
    sentAhead.set(0);
    connections.set(0);
    hangUpAfter = Integer.MAX_VALUE;
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.incrementAndGet();
        Thread conversation =
            new Thread(
                () -> {
                  try (client) {
                    converse(client);
                  } catch (IOException dropped) {
                    // the client went away
                  }
                },
                "pipelining-smtp-client");
        conversation.setDaemon(true);
        conversation.start();
      } catch (IOException closed) {
        // stopped
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = client.getOutputStream();
    reply(out, "220 pipelining.test ESMTP");
    List<String> recipients = new ArrayList<>();
    int messages = 0;
    String line;
    while ((line = in.readLine()) != null) {
      if (in.ready()) {
        sentAhead.incrementAndGet();
      }
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        reply(out, "250-pipelining.test\r\n250-PIPELINING\r\n250 8BITMIME");
      } else if (command.startsWith("MAIL FROM")) {
        recipients.clear();
        reply(out, "250 2.1.0 Ok");
      } else if (command.startsWith("RCPT TO")) {
        String address = line.replaceAll(".*<([^>]*)>.*", "$1");
        if (address.startsWith("reject")) {
          reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
        } else if (address.startsWith("busy")) {
          reply(out, "451 4.2.0 <" + address + ">: Mailbox busy, try again later");
        } else {
          recipients.add(address);
          reply(out, "250 2.1.5 Ok");
        }
      } else if (command.equals("DATA")) {
        if (recipients.isEmpty()) {
          reply(out, "554 5.5.1 No valid recipients");
          continue;
        }
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message itself is not kept
        }
        delivered.addAll(recipients);
        if (++messages >= hangUpAfter) {
          return;
        }
        reply(out, "250 2.0.0 Ok: queued");
      } else if (command.equals("RSET") || command.equals("NOOP")) {
        recipients.clear();
        reply(out, "250 2.0.0 Ok");
      } else if (command.equals("QUIT")) {
        reply(out, "221 2.0.0 Bye");
        return;
      } else {
        reply(out, "502 5.5.2 Command not recognised");
      }
    }
  }

  private static void reply(OutputStream out, String lines) throws IOException {
    out.write((lines + "\r\n").getBytes(StandardCharsets.UTF_8));
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
