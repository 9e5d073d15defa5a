package org.handover.change.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.support.NodeProject;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Go client ({@code github.com/ovh/go-ovh} as Debian packages it, unmodified, in
 * GOPATH mode) runs every scenario of {@link OfficialClientTest} through {@code
 * src/test/go/ovh-cli.go}: its own consumer-key request, signed calls over {@code
 * https://localhost:PORT/1.0}, and its error type ({@code APIError} with the HTTP code, message and
 * {@code X-Ovh-QueryID}). Needs {@code golang-go} and {@code golang-github-ovh-go-ovh-dev} ({@code
 * .ci/run} installs them); fails with a clear message without them.
 */
class GoClientTest extends OfficialClientTest {

  private static final Path GO_SOURCE = Path.of("src", "test", "go").toAbsolutePath();
  private static final Path GOPATH = Path.of("/usr/share/gocode");
  private static final Path BINARY = Path.of("target", "go-ovh-cli", "ovh-cli").toAbsolutePath();
  private static boolean built;

  @BeforeEach
  @Override
  void installOfficialClient() {
    synchronized (GoClientTest.class) {
      if (built) {
        return;
      }
      assertThat(GOPATH.resolve("src/github.com/ovh/go-ovh/ovh/ovh.go"))
          .as(
              "the official Go client, from Debian's golang-github-ovh-go-ovh-dev"
                  + " (apt-get install golang-go golang-github-ovh-go-ovh-dev)")
          .exists();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("GO111MODULE", "off");
      env.put("GOPATH", GOPATH.toString());
      env.put("GOFLAGS", "");
      env.put("GOCACHE", BINARY.getParent().resolve("cache").toString());
      try {
        new ProcessBuilder("go", "version").start().waitFor();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(
            "The official Go client's test needs Go on the PATH"
                + " (apt-get install golang-go golang-github-ovh-go-ovh-dev)",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      NodeProject.run(
          List.of("go", "build", "-o", BINARY.toString(), "ovh-cli.go"),
          GO_SOURCE,
          Duration.ofMinutes(5),
          env);
      assertThat(Files.isExecutable(BINARY)).as("built %s", BINARY).isTrue();
      built = true;
    }
  }

  @Override
  List<String> clientCommand(String method, String path, String json) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), method, path));
    if (json != null) {
      command.add(json);
    }
    return command;
  }

  @Override
  Map<String, String> clientEnvironment(Credential caller) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OVH_ENDPOINT", server().baseUrl() + "/1.0");
    env.put("OVH_APP_KEY", caller.appKey());
    env.put("OVH_APP_SECRET", caller.appSecret());
    env.put("OVH_CONSUMER_KEY", caller.consumerKey() == null ? "" : caller.consumerKey());
    // Go's crypto/x509 reads its trusted roots from this file on Linux
    env.put("SSL_CERT_FILE", server().certificatePem().toString());
    env.put("SSL_CERT_DIR", "");
    return env;
  }

  @Override
  Map<String, String> clientEnvironment(Credential caller, String root) {
    Map<String, String> env = clientEnvironment(caller);
    env.put("OVH_ENDPOINT", server().baseUrl() + root);
    return env;
  }

  @Override
  Path clientDirectory() {
    return BINARY.getParent();
  }

  @Test
  void aRefusalReachesTheGoClientWithItsQueryId() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Credential valid = credentialOf(a, "3600");
    Credential unknown = new Credential(valid.appKey(), valid.appSecret(), "not-a-consumer-key");

    Outcome refused = call(unknown, "GET", "/me", null);

    assertThat(refused.ok()).as("%s", refused).isFalse();
    assertThat(refused.status().asInt()).as("status of %s", refused).isEqualTo(403);
    assertThat(refused.message()).as("message of %s", refused).startsWith("Invalid credential");
    assertThat(refused.line())
        .as("the X-Ovh-QueryID the client kept")
        .contains("\"queryId\":\"HO-");
  }
}
