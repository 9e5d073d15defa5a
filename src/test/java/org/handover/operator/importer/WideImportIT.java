package org.handover.operator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import java.util.function.Supplier;
import org.handover.support.HandoverProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads made to exhaust memory get a 400 and leave the server healthy. Handover runs in a JVM of
 * its own with a heap of {@value #HEAP} (without {@code -XX:+ExitOnOutOfMemoryError}: as operators
 * run it, so that a server that only limps on after an {@code OutOfMemoryError} is caught by its
 * log and its health). Each upload is generated while it is sent: a header of four names followed
 * by six million commas (6 MB; it used to exhaust a 768 MB heap with one error object per empty
 * column), a data row as wide, and a JSON line with thousands of unknown fields. Logs in {@code
 * target/wide-import/}.
 */
class WideImportIT {

  private static final String HEAP = "128m";
  private static final String TOKEN = "wide-import-operator-token-0123456789";
  private static final int COMMAS = 6_000_000;

  private static HandoverProcess server;

  @BeforeAll
  static void start() {
    Path work = Path.of("target", "wide-import", UUID.randomUUID().toString());
    server =
        HandoverProcess.start(
                work,
                work.resolve("handover.log"),
                List.of("-Xmx" + HEAP),
                List.of("--handover.operator.token=" + TOKEN, "--handover.demo.enabled=false"),
                Map.of())
            .awaitHealthy(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aHeaderOfSixMillionCommasIsRefusedAndTheServerStaysHealthy() throws Exception {
    HttpResponse<String> answer =
        dryRun("accounts.csv", () -> commas("nic,email,firstName,lastName", ""));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("6000004 columns");
    assertHealthy();
  }

  @Test
  void aRowOfSixMillionCommasIsRefusedAndTheServerStaysHealthy() throws Exception {
    HttpResponse<String> answer =
        dryRun(
            "accounts.csv",
            () ->
                commas(
                    "nic,email,firstName,lastName\nzz100001-ovh,wide@example.com,Ann,Wide",
                    "\nzz100002-ovh,wider@example.com,Bob,Wider\n"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("\"errorCount\":1").contains("6000004 values");
    assertHealthy();
  }

  @Test
  void aJsonLineOfThousandsOfUnknownFieldsIsRefusedAndTheServerStaysHealthy() throws Exception {
    StringBuilder line = new StringBuilder("{\"nic\":\"zz100003-ovh\"");
    for (int i = 0; line.length() < 99_000; i++) {
      line.append(",\"f").append(i).append("\":1");
    }
    String row = line.append("}\n").toString();
    HttpResponse<String> answer = dryRun("accounts.jsonl", () -> text(row.repeat(300)));
    assertThat(answer.statusCode()).as(answer.body().substring(0, 500)).isEqualTo(400);
    assertThat(answer.body()).contains("\"errorCount\":300");
    assertThat(answer.body().length()).as("the answer lists bounded errors").isLessThan(2_000_000);
    assertHealthy();
  }

  private void assertHealthy() throws Exception {
    assertThat(server.isAlive()).as("the server is running").isTrue();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.base() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(server.log()).doesNotContain("OutOfMemoryError");
  }

  private HttpResponse<String> dryRun(String filename, Supplier<InputStream> content)
      throws Exception {
    String boundary = "----wide" + UUID.randomUUID();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"accounts\"; filename=\""
            + filename
            + "\"\r\nContent-Type: text/plain\r\n\r\n";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.base() + "/operator/v1/import?dryRun=true"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new SequenceInputStream(
                                Collections.enumeration(
                                    List.of(
                                        text(head),
                                        content.get(),
                                        text("\r\n--" + boundary + "--\r\n"))))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** {@code before}, six million commas, {@code after}: generated as it is read. */
  private static InputStream commas(String before, String after) {
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(
                text(before),
                new InputStream() {
                  private int left = COMMAS;

                  @Override
                  public int read() {
                    return left-- > 0 ? ',' : -1;
                  }

                  @Override
                  public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                      return -1;
                    }
                    int n = Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) ',');
                    left -= n;
                    return n;
                  }
                },
                text(after))));
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
