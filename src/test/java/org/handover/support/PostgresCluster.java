package org.handover.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary with a streaming, synchronous standby made by {@code pg_basebackup}, from
 * Debian's PostgreSQL 15 binaries (the embedded binaries have no {@code pg_basebackup}). The
 * servers refuse to run as root, so as root every command runs as the {@code postgres} user (which
 * the Debian package creates). {@link #killPrimary()} is what a machine's death looks like to the
 * clients: the postmaster and every backend get {@code kill -9} at once; {@link #promoteStandby()}
 * is what a failover manager does next.
 */
public final class PostgresCluster implements AutoCloseable {

  /** Where Debian installs PostgreSQL 15; {@code HANDOVER_PG_BIN} points elsewhere. */
  static final Path BIN =
      Path.of(System.getenv().getOrDefault("HANDOVER_PG_BIN", "/usr/lib/postgresql/15/bin"));

  public static final String DATABASE = "handover";

  private final Path base;
  private final Path primary;
  private final Path standby;
  private final int primaryPort = SmtpServer.freePort();
  private final int standbyPort = SmtpServer.freePort();

  private PostgresCluster(Path base) {
    this.base = base;
    this.primary = base.resolve("primary");
    this.standby = base.resolve("standby");
  }

  /** Fails, naming the Debian packages, when a program the tests need is not installed. */
  public static void requireInstalled(Path... programs) {
    for (Path program : programs) {
      if (!Files.isExecutable(program)) {
        throw new IllegalStateException(
            program
                + " is missing: the failover tests need Debian's packages postgresql-15 and"
                + " pgbouncer (apt-get install -y postgresql-15 pgbouncer; .ci/run installs them)");
      }
    }
  }

  /** Starts the primary, a database {@value #DATABASE} on it, and its synchronous standby. */
  public static PostgresCluster start() {
    requireInstalled(
        BIN.resolve("initdb"),
        BIN.resolve("pg_ctl"),
        BIN.resolve("pg_basebackup"),
        BIN.resolve("postgres"));
    try {
      PostgresCluster cluster =
          new PostgresCluster(Files.createTempDirectory("handover-failover-"));
      // servers started by pg_ctl outlive this JVM: stop them even if it ends abruptly
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
      cluster.startPrimary();
      cluster.startStandby();
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startPrimary() throws IOException {
    ownedByServer(base);
    run(
        BIN.resolve("initdb").toString(),
        "-D",
        primary.toString(),
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C");
    append(
        primary.resolve("postgresql.conf"),
        "listen_addresses = '127.0.0.1'",
        "port = " + primaryPort,
        "unix_socket_directories = '" + base + "'",
        "wal_level = replica",
        "max_wal_senders = 5",
        "max_connections = 120",
        "shared_buffers = 32MB",
        // nothing is acknowledged before the standby has it (README, "Production"); the standby's
        // name is set once it runs (the database is created before it exists)
        "synchronous_commit = on");
    serverCtl(primary, "start");
    try (Connection c = connect(primaryPort, "postgres");
        Statement s = c.createStatement()) {
      s.execute("create database " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void startStandby() throws IOException {
    String conninfo =
        "host=127.0.0.1 port=" + primaryPort + " user=postgres application_name=standby";
    run(
        BIN.resolve("pg_basebackup").toString(),
        "-D",
        standby.toString(),
        "-d",
        conninfo,
        "-R",
        "-X",
        "stream",
        "-c",
        "fast");
    append(
        standby.resolve("postgresql.conf"),
        "port = " + standbyPort,
        // once promoted it has no standby of its own: it must not wait for one
        "synchronous_standby_names = ''");
    append(standby.resolve("postgresql.auto.conf"), "primary_conninfo = '" + conninfo + "'");
    serverCtl(standby, "start");
    try (Connection c = connect(primaryPort, "postgres");
        Statement s = c.createStatement()) {
      s.execute("alter system set synchronous_standby_names = 'standby'");
      s.execute("select pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    awaitSynchronousStandby();
  }

  private void awaitSynchronousStandby() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = connect(primaryPort, "postgres");
          Statement s = c.createStatement();
          var rs =
              s.executeQuery(
                  "select count(*) from pg_stat_replication where sync_state = 'sync'")) {
        if (rs.next() && rs.getInt(1) == 1) {
          return;
        }
      } catch (SQLException notYet) {
        // still starting
      }
      sleep(200);
    }
    throw new IllegalStateException("the standby never became synchronous:\n" + logs());
  }

  /**
   * The multi-host JDBC URL an operator configures: both nodes, and which kind is wanted ({@code
   * primary} for the application, {@code preferSecondary} for the read replica).
   */
  public String multiHostUrl(String targetServerType, String parameters) {
    return "jdbc:postgresql://127.0.0.1:"
        + primaryPort
        + ",127.0.0.1:"
        + standbyPort
        + "/"
        + DATABASE
        + "?targetServerType="
        + targetServerType
        + "&"
        + parameters;
  }

  public int primaryPort() {
    return primaryPort;
  }

  public int standbyPort() {
    return standbyPort;
  }

  public Path base() {
    return base;
  }

  /** A connection to {@code database} on the node at {@code port}. */
  public static Connection connect(int port, String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=5",
        "postgres",
        "");
  }

  /** {@code kill -9} of the primary's postmaster and all its processes at once, as a crash. */
  public void killPrimary() {
    if (!killServer(primary)) {
      throw new IllegalStateException("no running primary to kill:\n" + logs());
    }
  }

  /**
   * {@code kill -9} of the postmaster of {@code dataDir} and every process under it; false when no
   * PostgreSQL server of it runs (its pid file may be stale, the pid someone else's by now).
   */
  private static boolean killServer(Path dataDir) {
    if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
      return false;
    }
    Optional<ProcessHandle> postmaster =
        ProcessHandle.of(postmasterPid(dataDir))
            .filter(p -> p.info().command().orElse("").contains("postgres"));
    if (postmaster.isEmpty()) {
      return false;
    }
    List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
    all.add(0, postmaster.get());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
    return true;
  }

  /** {@code pg_ctl promote}: the standby becomes the primary (what a failover manager runs). */
  public void promoteStandby() {
    run(BIN.resolve("pg_ctl").toString(), "-D", standby.toString(), "-w", "-t", "60", "promote");
  }

  private static long postmasterPid(Path dataDir) {
    try {
      return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serverCtl(Path dataDir, String action) {
    run(
        BIN.resolve("pg_ctl").toString(),
        "-D",
        dataDir.toString(),
        "-l",
        base.resolve(dataDir.getFileName() + ".log").toString(),
        "-w",
        "-t",
        "60",
        action);
  }

  /** Both servers' logs, for a failure's message. */
  public String logs() {
    StringBuilder all = new StringBuilder();
    for (String name : List.of("primary.log", "standby.log")) {
      try {
        all.append("--- ")
            .append(name)
            .append('\n')
            .append(Files.readString(base.resolve(name), StandardCharsets.UTF_8));
      } catch (IOException e) {
        all.append("(no ").append(name).append(")\n");
      }
    }
    return all.toString();
  }

  @Override
  public void close() {
    killServer(primary);
    killServer(standby);
    delete(base);
  }

  // ---- running as the postgres user --------------------------------------------------------

  static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command (as {@code postgres} when this JVM is root) and fails on a non-zero exit. */
  static void run(String... command) {
    List<String> full = new ArrayList<>();
    if (asRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Gives {@code dir} (and what is in it) to the postgres user when this JVM is root. */
  static void ownedByServer(Path dir) {
    if (!asRoot()) {
      return;
    }
    try {
      Process p = new ProcessBuilder("chown", "-R", "postgres:postgres", dir.toString()).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("chown -R postgres " + dir + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void append(Path file, String... lines) {
    try {
      Files.writeString(
          file,
          "\n" + String.join("\n", lines) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory: the system cleans it up
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
