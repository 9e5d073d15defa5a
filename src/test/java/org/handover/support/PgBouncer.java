package org.handover.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's PgBouncer in transaction pooling mode in front of one PostgreSQL node, run as the {@code
 * postgres} user when this JVM is root (PgBouncer refuses root too). {@link #pointAt(int)} is what
 * a failover manager's hook does after a promotion: the database entry names the new primary and
 * PgBouncer reloads ({@code SIGHUP}); the application's connections to PgBouncer stay.
 */
public final class PgBouncer implements AutoCloseable {

  static final Path PROGRAM =
      Path.of(System.getenv().getOrDefault("HANDOVER_PGBOUNCER", "/usr/sbin/pgbouncer"));

  private final Path dir;
  private final int port = SmtpServer.freePort();
  private final Process process;

  private PgBouncer(Path dir, int serverPort) {
    this.dir = dir;
    writeConfig(serverPort);
    PostgresCluster.ownedByServer(dir);
    List<String> command =
        PostgresCluster.asRoot()
            ? List.of("runuser", "-u", "postgres", "--", PROGRAM.toString(), ini().toString())
            : List.of(PROGRAM.toString(), ini().toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("pgbouncer.out").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitListening();
  }

  /** Starts PgBouncer in {@code dir} in front of the node listening on {@code serverPort}. */
  public static PgBouncer start(Path dir, int serverPort) {
    PostgresCluster.requireInstalled(PROGRAM);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PgBouncer(dir, serverPort);
  }

  /** The JDBC URL through PgBouncer: no named prepared statements (transaction pooling). */
  public String url(String parameters) {
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/"
        + PostgresCluster.DATABASE
        + "?prepareThreshold=0&"
        + parameters;
  }

  /** Points the database entry at another node and reloads, as a failover hook does. */
  public void pointAt(int serverPort) {
    writeConfig(serverPort);
    PostgresCluster.ownedByServer(dir);
    PostgresCluster.run("kill", "-HUP", pid());
  }

  private String pid() {
    try {
      return Files.readString(dir.resolve("pgbouncer.pid")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("PgBouncer wrote no pid file:\n" + log(), e);
    }
  }

  private Path ini() {
    return dir.resolve("pgbouncer.ini");
  }

  private void writeConfig(int serverPort) {
    try {
      Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"\"\n");
      Files.writeString(
          ini(),
          String.join(
              "\n",
              "[databases]",
              PostgresCluster.DATABASE
                  + " = host=127.0.0.1 port="
                  + serverPort
                  + " dbname="
                  + PostgresCluster.DATABASE
                  + " user=postgres",
              "[pgbouncer]",
              "listen_addr = 127.0.0.1",
              "listen_port = " + port,
              "unix_socket_dir =",
              "auth_type = trust",
              "auth_file = " + dir.resolve("userlist.txt"),
              "pool_mode = transaction",
              "max_client_conn = 200",
              "default_pool_size = 20",
              // the JDBC driver sends it at start-up; PgBouncer would refuse the connection
              "ignore_startup_parameters = extra_float_digits",
              // a dead server is given up on in seconds, not the default two minutes
              "server_connect_timeout = 2",
              "server_login_retry = 1",
              "query_wait_timeout = 10",
              "logfile = " + dir.resolve("pgbouncer.log"),
              "pidfile = " + dir.resolve("pgbouncer.pid"),
              ""),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("PgBouncer exited:\n" + log());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        PostgresCluster.sleep(100);
      }
    }
    throw new IllegalStateException("PgBouncer did not listen:\n" + log());
  }

  public String log() {
    StringBuilder all = new StringBuilder();
    for (String name : List.of("pgbouncer.out", "pgbouncer.log")) {
      try {
        all.append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
      } catch (IOException e) {
        all.append("(no ").append(name).append(")\n");
      }
    }
    return all.toString();
  }

  @Override
  public void close() {
    if (Files.exists(dir.resolve("pgbouncer.pid"))) {
      ProcessHandle.of(Long.parseLong(pid())).ifPresent(ProcessHandle::destroy);
    }
    process.destroy();
  }
}
