package org.handover.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The SMTP sink of the benchmarks ({@code src/test/resources/bench/smtp_sink.py}): a Python
 * process, outside the benchmark's JVM, that accepts every message and offers PIPELINING, so that
 * the receiving side is not what limits the outbox. Needs {@code python3} on the path.
 */
final class SmtpSink implements AutoCloseable {

  private final Process process;
  private final BufferedReader output;
  private final int port;

  /** A sink that answers at once, or {@code latencyMillis} later, as a relay further away. */
  SmtpSink(double latencyMillis) throws IOException {
    Path script;
    try {
      script = Path.of(SmtpSink.class.getResource("/bench/smtp_sink.py").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try {
      process =
          new ProcessBuilder(
                  "python3",
                  script.toString(),
                  "--port",
                  "0",
                  "--latency-ms",
                  String.valueOf(latencyMillis))
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IOException("The SMTP sink needs python3 on the path", e);
    }
    output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = output.readLine();
    if (first == null || !first.startsWith("listening on ")) {
      process.destroyForcibly();
      throw new IOException("The SMTP sink did not start: " + first);
    }
    port = Integer.parseInt(first.substring("listening on ".length()).strip());
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
