package org.handover.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Handover in a JVM of its own, as an operator runs it: the packaged jar when the build made one
 * (system property {@code handover.jar}, set for the integration tests), else the main classes and
 * their dependencies from the test class path. Its output goes to a log file. {@link #kill()} is a
 * {@code kill -9}: the process gets no chance to flush or close anything.
 */
public final class HandoverProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private HandoverProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Handover in {@code directory} (its working directory: the embedded default's {@code
   * ./data/} is there) on a free port with these JVM options, arguments and environment; does not
   * wait for it to be ready.
   */
  public static HandoverProcess start(
      Path directory,
      Path log,
      List<String> jvmOptions,
      List<String> arguments,
      Map<String, String> environment) {
    int port = SmtpServer.freePort();
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java"));
    command.addAll(jvmOptions);
    command.addAll(launch());
    command.add("--server.port=" + port);
    command.addAll(arguments);
    try {
      Files.createDirectories(directory);
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // only what the caller gives: no setting leaks in from the environment of the build
      builder
          .environment()
          .keySet()
          .removeIf(k -> k.startsWith("SPRING_") || k.startsWith("HANDOVER_"));
      builder.environment().putAll(environment);
      return new HandoverProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** {@code -jar the.jar}, or {@code -cp … HandoverApplication} from the test class path. */
  private static List<String> launch() {
    String jar = System.getProperty("handover.jar");
    if (jar != null && Files.isRegularFile(Path.of(jar))) {
      return List.of("-jar", Path.of(jar).toAbsolutePath().toString());
    }
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || !classPath.contains("classes")) {
      classPath = System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank() && !entry.contains("test-classes") && !entry.contains("surefire")) {
        entries.add(entry);
      }
    }
    return List.of(
        "-cp", String.join(File.pathSeparator, entries), "org.handover.HandoverApplication");
  }

  public String base() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code /actuator/health} answers 200; fails if the process ends first. */
  public HandoverProcess awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Handover exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      try {
        HttpResponse<Void> health =
            http.send(
                HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("Handover did not start in " + timeout + ":\n" + logTail());
      }
      sleep(200);
    }
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Handover still running after " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9}, then waits until the process is gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** A normal stop (SIGTERM), then {@code kill -9} if it takes too long. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  public Path logFile() {
    return log;
  }

  /** The whole log so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private String logTail() {
    String all = log();
    return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
