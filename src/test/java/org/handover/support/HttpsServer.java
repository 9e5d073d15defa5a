package org.handover.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Serves the application over HTTPS on a free loopback port, with a self-signed certificate for
 * {@code localhost} made by the JDK's own {@code keytool} (no certificate is checked in). Clients
 * trust that certificate explicitly: Java through {@link #trustingContext()}, Node.js through
 * {@code NODE_EXTRA_CA_CERTS=}{@link #certificatePem()}; TLS checks are never turned off.
 */
public final class HttpsServer {

  public static final String ALIAS = "handover";

  private final int port;
  private final Path keyStore;
  private final Path certificatePem;
  private final String password;

  private HttpsServer(int port, Path keyStore, Path certificatePem, String password) {
    this.port = port;
    this.keyStore = keyStore;
    this.certificatePem = certificatePem;
    this.password = password;
  }

  /** Makes a fresh key pair and certificate under {@code directory} and picks a free port. */
  public static HttpsServer create(Path directory) {
    try {
      Files.createDirectories(directory);
      Path keyStore = directory.resolve("handover.p12").toAbsolutePath();
      Path pem = directory.resolve("handover.pem").toAbsolutePath();
      Files.deleteIfExists(keyStore);
      Files.deleteIfExists(pem);
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      keytool(
          "-genkeypair",
          "-alias",
          ALIAS,
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "2",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=dns:localhost,ip:127.0.0.1",
          "-storetype",
          "PKCS12",
          "-keystore",
          keyStore.toString(),
          "-storepass",
          password,
          "-keypass",
          password);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          ALIAS,
          "-storetype",
          "PKCS12",
          "-keystore",
          keyStore.toString(),
          "-storepass",
          password,
          "-file",
          pem.toString());
      return new HttpsServer(SmtpServer.freePort(), keyStore, pem, password);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... arguments) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(Files.isExecutable(keytool) ? keytool.toString() : "keytool");
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool did not finish within 60 s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool " + arguments[0] + " failed (" + process.exitValue() + "): " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** {@code https://localhost:PORT}, without a trailing slash. */
  public String baseUrl() {
    return "https://localhost:" + port;
  }

  /** The server's certificate, PEM encoded, for {@code NODE_EXTRA_CA_CERTS}. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** Serves the application over HTTPS on {@link #port()}, with links to {@link #baseUrl()}. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("server.ssl.enabled", () -> "true");
    registry.add("server.ssl.key-store", () -> "file:" + keyStore);
    registry.add("server.ssl.key-store-password", () -> password);
    registry.add("server.ssl.key-store-type", () -> "PKCS12");
    registry.add("server.ssl.key-alias", () -> ALIAS);
    registry.add("handover.public-base-url", this::baseUrl);
  }

  /** A TLS context that trusts this server's certificate (the key store loaded as trust store). */
  public SSLContext trustingContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(in, password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), new SecureRandom());
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
