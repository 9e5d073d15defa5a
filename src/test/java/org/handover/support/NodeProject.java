package org.handover.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' npm project ({@code src/test/node}): the official API client and a packaged Chromium,
 * installed from the npm registry by {@code npm ci} on first use. Needs Node.js and npm on the
 * PATH; fails with a clear message without them, never skips.
 */
public final class NodeProject {

  public static final Path DIRECTORY = Path.of("src", "test", "node").toAbsolutePath();

  private static boolean installed;

  private NodeProject() {}

  /** Installs the locked dependencies unless every one of them is already there. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    String node = run(List.of("node", "--version"), DIRECTORY, Duration.ofSeconds(30), Map.of());
    if (!node.startsWith("v")) {
      throw new IllegalStateException("unexpected answer from node --version: " + node);
    }
    if (!dependencies().stream()
        .allMatch(name -> Files.isDirectory(DIRECTORY.resolve("node_modules").resolve(name)))) {
      run(
          List.of("npm", "ci", "--no-audit", "--no-fund"),
          DIRECTORY,
          Duration.ofMinutes(10),
          Map.of());
    }
    installed = true;
  }

  private static List<String> dependencies() {
    try {
      JsonNode manifest =
          JsonMapper.builder().build().readTree(DIRECTORY.resolve("package.json").toFile());
      return manifest.path("dependencies").propertyNames().stream().toList();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read " + DIRECTORY.resolve("package.json"), e);
    }
  }

  /** Runs a command and returns its standard output; fails on a non-zero exit or a timeout. */
  public static String run(
      List<String> command, Path directory, Duration timeout, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().remove("NODE_TLS_REJECT_UNAUTHORIZED");
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "These tests need Node.js and npm on the PATH (apt-get install nodejs npm);"
              + " could not run "
              + command.get(0),
          e);
    }
    CompletableFuture<String> out = readAsync(process.getInputStream());
    CompletableFuture<String> err = readAsync(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "no answer within " + timeout.toSeconds() + " s from " + describe(command));
      }
      String stdout = out.get(10, TimeUnit.SECONDS);
      String stderr = err.get(10, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            describe(command)
                + " exited with "
                + process.exitValue()
                + "\nstdout: "
                + stdout
                + "\nstderr: "
                + stderr);
      }
      return stdout;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the output of " + describe(command), e);
    }
  }

  private static String describe(List<String> command) {
    return command.stream().limit(4).collect(Collectors.joining(" "));
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
