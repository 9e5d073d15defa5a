package org.handover.operator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.handover.support.HandoverProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar, started with a heap of {@value #HEAP}, takes a dry-run import whose services
 * files (about 140 MB, nearly all of it services) are larger than the heap: 116 MB ran a 512 MB
 * server out of memory before the import streamed. The upload is generated while it is sent (never
 * held in memory here either); the process runs with {@code -XX:+ExitOnOutOfMemoryError}, so
 * running out of heap ends it and the test fails instead of passing on a half-dead server. Logs
 * (and the garbage collector's, with the heap before and after each collection) in {@code
 * target/large-import/}.
 */
class LargeImportIT {

  private static final String HEAP = "128m";
  private static final long HEAP_BYTES = 128L * 1024 * 1024;
  private static final String TOKEN = "large-import-operator-token-0123456789";
  private static final int ACCOUNTS = 20_000;
  private static final int SERVICES = 450_000;

  /** Long values (within the fields' limits), so that the files are large for their rows. */
  private static final String PADDING = "x".repeat(180);

  private final Path work = Path.of("target", "large-import", UUID.randomUUID().toString());
  private HandoverProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDryRunOfFilesLargerThanTheHeapSucceedsWithTheCounts() throws Exception {
    server =
        HandoverProcess.start(
                work,
                work.resolve("handover.log"),
                List.of(
                    "-Xmx" + HEAP,
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Xlog:gc:file=" + work.toAbsolutePath().resolve("gc.log")),
                List.of("--handover.operator.token=" + TOKEN, "--handover.demo.enabled=false"),
                Map.of())
            .awaitHealthy(Duration.ofMinutes(3));
    String boundary = "----large" + UUID.randomUUID();
    Generated accounts =
        new Generated(
            "nic,email,firstName,lastName,organisation\n",
            ACCOUNTS,
            i -> nic(i) + ",holder" + i + "@large.example,Ann,Holder " + i + ",Org " + PADDING);
    Generated services =
        new Generated(
            "type,name,admin,tech,billing,displayName\n",
            SERVICES,
            i ->
                "domain,large-"
                    + i
                    + ".example,"
                    + nic(i % ACCOUNTS)
                    + ","
                    + nic((i * 7) % ACCOUNTS)
                    + ","
                    + nic((i * 13) % ACCOUNTS)
                    + ",Shop "
                    + i
                    + " "
                    + PADDING
                    + PADDING.substring(0, 60));
    long servicesBytes = services.size();
    assertThat(servicesBytes).as("the services file alone").isGreaterThan(116L * 1024 * 1024);
    assertThat(servicesBytes).as("larger than the heap").isGreaterThan(HEAP_BYTES);

    long start = System.nanoTime();
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(server.base() + "/operator/v1/import?dryRun=true"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofMinutes(15))
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> multipart(boundary, accounts, services)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(server.isAlive()).as("the server survived the import").isTrue();
    assertThat(answer.statusCode()).as("import: %s", answer.body()).isEqualTo(200);
    JsonNode result = JsonMapper.builder().build().readTree(answer.body());
    assertThat(result.get("dryRun").asBoolean()).isTrue();
    assertThat(result.get("accounts").get("imported").asInt()).isEqualTo(ACCOUNTS);
    assertThat(result.get("services").get("imported").asInt()).isEqualTo(SERVICES);
    System.out.printf(
        "Dry-run import at -Xmx%s: %,d + %,d rows (%,d MB) in %.1f s, %,.0f rows/s%n",
        HEAP,
        ACCOUNTS,
        SERVICES,
        (accounts.size() + servicesBytes) / (1024 * 1024),
        seconds,
        (ACCOUNTS + SERVICES) / seconds);
  }

  private static String nic(int i) {
    return String.format("lg%06d-ovh", i);
  }

  private static InputStream multipart(String boundary, Generated accounts, Generated services) {
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(
                text(head(boundary, "accounts")),
                accounts.open(),
                text("\r\n" + head(boundary, "services")),
                services.open(),
                text("\r\n--" + boundary + "--\r\n"))));
  }

  private static String head(String boundary, String name) {
    return "--"
        + boundary
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"; filename=\""
        + name
        + ".csv\"\r\nContent-Type: text/csv\r\n\r\n";
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A CSV file made line by line as it is read: a header and {@code rows} generated lines. */
  private record Generated(String header, int rows, IntFunction<String> line) {

    long size() {
      long size = header.length();
      for (int i = 0; i < rows; i++) {
        size += line.apply(i).length() + 1;
      }
      return size;
    }

    InputStream open() {
      return new InputStream() {
        private byte[] current = header.getBytes(StandardCharsets.US_ASCII);
        private int at;
        private int next;

        @Override
        public int read() {
          if (at == current.length) {
            if (next == rows) {
              return -1;
            }
            current = (line.apply(next++) + "\n").getBytes(StandardCharsets.US_ASCII);
            at = 0;
          }
          return current[at++];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = 0;
          while (n < len) {
            int c = read();
            if (c < 0) {
              return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) c;
          }
          return n;
        }
      };
    }
  }
}
