package org.handover.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * One plain SMTP connection that sends a batch with one round trip per message when the server
 * offers PIPELINING (RFC 2920): a message's data, the next message's {@code MAIL}, {@code RCPT} and
 * {@code DATA} go out together, and their replies are read in order. Used only once the server
 * offered PIPELINING ({@link #pipelining()}; {@link SmtpDelivery} hands other servers to Jakarta
 * Mail). A message counts as sent only once the server acknowledged its data; when the connection
 * breaks, every message not acknowledged yet is reported failed (and retried).
 */
final class SmtpPipeline implements AutoCloseable {

  /** A message ready for the wire: envelope addresses and its dot-stuffed data. */
  record Envelope(String from, String to, byte[] data) {}

  /** An SMTP reply: its code and its last line. */
  record Reply(int code, String text) {

    boolean positive() {
      return code >= 200 && code < 400;
    }
  }

  private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private boolean pipelining;

  private SmtpPipeline(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  /** Connects, reads the greeting and says EHLO; fails when the server refuses either. */
  static SmtpPipeline open(SmtpEndpoint endpoint) throws IOException, MessagingException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(endpoint.readTimeoutMillis());
      socket.connect(
          new InetSocketAddress(endpoint.host(), endpoint.port()), endpoint.connectTimeoutMillis());
      SmtpPipeline smtp = new SmtpPipeline(socket);
      expect(smtp.read(new StringBuilder()), 220, "greeting");
      StringBuilder lines = new StringBuilder();
      smtp.out.write(("EHLO " + endpoint.heloName() + "\r\n").getBytes(StandardCharsets.US_ASCII));
      smtp.out.flush();
      expect(smtp.read(lines), 250, "EHLO");
      smtp.pipelining =
          lines.toString().toUpperCase(Locale.ROOT).matches("(?s).*\\nPIPELINING\\b.*");
      return smtp;
    } catch (IOException | MessagingException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Whether the server offered PIPELINING on this connection. */
  boolean pipelining() {
    return pipelining;
  }

  /**
   * Sends the batch in order; answers, per message, null when the server acknowledged it or the
   * failure (an SMTP reply as Angus Mail's exceptions, so a 5xx reads as permanent).
   */
  Exception[] send(List<Envelope> batch) {
    Exception[] outcomes = new Exception[batch.size()];
    int next = 0;
    try {
      if (!batch.isEmpty()) {
        envelope(batch.get(0));
        out.flush();
      }
      for (; next < batch.size(); next++) {
        outcomes[next] = transaction(batch, next);
      }
    } catch (IOException | RuntimeException broken) {
      for (int i = next; i < batch.size(); i++) {
        outcomes[i] = new MessagingException("SMTP connection lost before the reply", broken);
      }
    }
    return outcomes;
  }

  /**
   * Reads the envelope's replies of message {@code i}, writes its data (or a reset) and the next
   * envelope in one go, then reads the reply to its data.
   */
  private Exception transaction(List<Envelope> batch, int i) throws IOException {
    Envelope message = batch.get(i);
    Reply mail = reply();
    Reply rcpt = reply();
    Reply data = reply();
    boolean accepted = mail.positive() && rcpt.positive();
    boolean sending = data.code() == 354;
    if (sending) {
      // a server that took DATA after refusing the recipient gets an empty message (RFC 2920 3.1)
      command(accepted ? message.data() : new byte[0], END_OF_DATA);
    }
    boolean reset = !sending || !accepted;
    if (reset) {
      write("RSET");
    }
    if (i + 1 < batch.size()) {
      envelope(batch.get(i + 1));
    }
    out.flush();
    Exception outcome;
    if (!accepted) {
      outcome = refusal(message, mail, rcpt);
      if (sending) {
        reply();
      }
    } else if (!sending) {
      outcome =
          new SMTPSendFailedException("DATA", data.code(), data.text(), null, null, null, null);
    } else {
      Reply end = reply();
      outcome =
          end.code() == 250
              ? null
              : new SMTPSendFailedException(".", end.code(), end.text(), null, null, null, null);
    }
    if (reset) {
      reply();
    }
    return outcome;
  }

  private static Exception refusal(Envelope message, Reply mail, Reply rcpt) {
    try {
      return mail.positive()
          ? new SMTPAddressFailedException(
              new InternetAddress(message.to()), "RCPT TO", rcpt.code(), rcpt.text())
          : new SMTPSenderFailedException(
              new InternetAddress(message.from()), "MAIL FROM", mail.code(), mail.text());
    } catch (MessagingException unreadable) {
      return unreadable;
    }
  }

  private void envelope(Envelope message) throws IOException {
    write("MAIL FROM:<" + message.from() + ">");
    write("RCPT TO:<" + message.to() + ">");
    write("DATA");
  }

  private void write(String command) throws IOException {
    command(command.getBytes(StandardCharsets.US_ASCII), new byte[] {'\r', '\n'});
  }

  private void command(byte[] body, byte[] end) throws IOException {
    out.write(body);
    out.write(end);
  }

  private Reply reply() throws IOException {
    return read(new StringBuilder());
  }

  /** Reads one reply (all its lines into {@code lines}, one per line). */
  private Reply read(StringBuilder lines) throws IOException {
    while (true) {
      String line = line();
      if (line.length() < 3) {
        throw new IOException("Not an SMTP reply: " + line);
      }
      lines.append('\n').append(line.length() > 4 ? line.substring(4) : "");
      if (line.length() == 3 || line.charAt(3) != '-') {
        try {
          return new Reply(Integer.parseInt(line.substring(0, 3)), line);
        } catch (NumberFormatException e) {
          throw new IOException("Not an SMTP reply: " + line, e);
        }
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("SMTP server closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /**
   * A refused greeting or EHLO fails the whole batch for now (retried with backoff), whatever its
   * code: no email of the batch was refused.
   */
  private static void expect(Reply reply, int code, String step) throws MessagingException {
    if (reply.code() != code) {
      throw new MessagingException("SMTP server refused the " + step + ": " + reply.text());
    }
  }

  /** Says QUIT (without waiting long for the answer) and closes the connection. */
  @Override
  public void close() {
    try (socket) {
      if (!socket.isClosed() && socket.isConnected()) {
        out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException alreadyGone) {
      // the batch's outcomes are known: nothing is left to say
    }
  }
}
