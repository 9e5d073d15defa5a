package org.handover.bench;

import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import org.handover.catalog.ServiceNames;
import org.handover.system.Language;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Fills a PostgreSQL database whose schema Flyway already created with the benchmark data set, by
 * COPY: accounts, services across every type (a reseller holding {@code resellerServices} of them
 * in mixed roles), and contact-change requests in every state, the open ones with their parties and
 * open-role claims. Every account has the password {@link #PASSWORD}.
 *
 * <p>Accounts: index 0 is the reseller, 1..20 its customers (contacts on its services, used by the
 * contact filter), 21..(20+partners) the partners the lifecycle phase hands contacts to. The first
 * {@link #LIFECYCLE_SERVICES} services are the reseller's lifecycle services ({@code
 * life-00000.bench}, domains, every role held by the reseller).
 */
public final class DataGenerator {

  public static final String PASSWORD = "bench password";
  public static final int CUSTOMERS = 20;
  public static final int PARTNERS = 16;
  public static final int LIFECYCLE_SERVICES = 256;
  static final String[] TYPES = {
    "domain", "hosting", "vps", "dedicated", "email", "zone", "database", "cloud"
  };
  static final String[] WORDS = {
    "alpha", "bravo", "cedar", "delta", "ember", "fjord", "gamma", "harbor", "indigo", "juniper",
    "kestrel", "lumen", "meadow", "nimbus", "orchid", "pepper", "quartz", "raven", "sierra",
    "tundra", "umber", "violet", "willow", "xenon", "yarrow", "zephyr", "amber", "basalt", "cobalt",
    "dune", "echo", "flint", "granite", "hazel", "iris", "jade", "koala", "lotus", "maple", "nova"
  };
  static final String TS = "2024-01-01 00:00:00+00";

  /** Sizes of the data set. */
  public record Sizes(int accounts, int services, int resellerServices, int changes) {

    /** The sizes times {@code bench.scale}, each overridable by its own property. */
    public static Sizes fromSystemProperties() {
      double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
      int accounts = Integer.getInteger("bench.accounts", (int) (200_000 * scale));
      int services = Integer.getInteger("bench.services", (int) (1_000_000 * scale));
      int reseller = Integer.getInteger("bench.resellerServices", (int) (100_000 * scale));
      int changes = Integer.getInteger("bench.changes", (int) (50_000 * scale));
      accounts = Math.max(accounts, 1 + CUSTOMERS + PARTNERS + 100);
      reseller = Math.max(reseller, LIFECYCLE_SERVICES + 1_000);
      services = Math.max(services, reseller + changes + 1_000);
      return new Sizes(accounts, services, reseller, changes);
    }
  }

  private DataGenerator() {}

  public static String nic(int index) {
    return String.format("bn%07d-ovh", index);
  }

  public static String reseller() {
    return nic(0);
  }

  public static String customer(int k) {
    return nic(1 + k);
  }

  public static String partner(int k) {
    return nic(1 + CUSTOMERS + k);
  }

  public static String lifecycleService(int k) {
    return String.format("life-%05d.bench", k);
  }

  /** Generates the data set; returns a one-line summary with the time taken. */
  public static String generate(Connection c, Sizes sizes) throws SQLException, IOException {
    long start = System.nanoTime();
    c.setAutoCommit(true);
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    Random random = new Random(42);
    String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
    accounts(copy, sizes, random, hash);
    services(copy, sizes, random);
    changes(copy, sizes, random);
    try (Statement s = c.createStatement()) {
      s.execute(
          "select setval(pg_get_serial_sequence('services', 'id'), (select max(id) from"
              + " services))");
      s.execute(
          "select setval(pg_get_serial_sequence('contact_changes', 'id'), (select max(id) from"
              + " contact_changes))");
      s.execute(
          "select setval(pg_get_serial_sequence('change_sets', 'id'), (select max(id) from"
              + " change_sets))");
      // as autovacuum leaves a long-lived table: statistics and visibility map up to date
      s.execute("vacuum analyze");
    }
    return String.format(
        "generated %,d accounts, %,d services (%,d for the reseller), %,d requests in %.1f s",
        sizes.accounts(),
        sizes.services(),
        sizes.resellerServices(),
        sizes.changes(),
        (System.nanoTime() - start) / 1e9);
  }

  private static void accounts(CopyManager copy, Sizes sizes, Random random, String hash)
      throws SQLException, IOException {
    Language[] languages = Language.values();
    Chunks out =
        new Chunks(
            copy,
            "copy accounts (nic, email, email_verified, first_name, last_name, organisation,"
                + " language, password_hash, state, debt_cents, debt_currency, created_at) from"
                + " stdin");
    int protectedAccounts = 1 + CUSTOMERS + PARTNERS + 100;
    for (int i = 0; i < sizes.accounts(); i++) {
      boolean normal = i < protectedAccounts;
      String state = !normal && random.nextInt(200) == 0 ? "suspended" : "active";
      long debt = !normal && random.nextInt(100) == 0 ? 1_000 + random.nextInt(50_000) : 0;
      out.row(
          nic(i),
          nic(i) + "@bench.handover.test",
          "t",
          WORDS[i % WORDS.length],
          "Bench" + i,
          i % 7 == 0 ? "Org " + (i % 1000) : null,
          languages[i % languages.length].name(),
          hash,
          state,
          Long.toString(debt),
          "EUR",
          TS);
    }
    out.finish();
  }

  private static void services(CopyManager copy, Sizes sizes, Random random)
      throws SQLException, IOException {
    Chunks out =
        new Chunks(
            copy,
            "copy services (id, type, name, display_name, status, created_at, expires_at,"
                + " admin_nic, tech_nic, billing_nic, sort_key) from stdin");
    String reseller = reseller();
    int first = 1 + CUSTOMERS + PARTNERS;
    String[] statuses = {"ok", "ok", "ok", "ok", "ok", "ok", "ok", "expired", "pendingDebt", "ok"};
    for (int i = 0; i < sizes.services(); i++) {
      String type;
      String name;
      String admin;
      String tech;
      String billing;
      if (i < LIFECYCLE_SERVICES) {
        type = "domain";
        name = lifecycleService(i);
        admin = reseller;
        tech = reseller;
        billing = reseller;
      } else {
        type = TYPES[i % TYPES.length];
        name = WORDS[(i / 8) % WORDS.length] + "-" + i + ".example";
        if (i < sizes.resellerServices()) {
          String other = customer(i % CUSTOMERS);
          String another = customer((i / CUSTOMERS) % CUSTOMERS);
          switch (i % 10) {
            case 0, 1, 2, 3 -> {
              admin = reseller;
              tech = reseller;
              billing = reseller;
            }
            case 4, 5 -> {
              admin = reseller;
              tech = other;
              billing = another;
            }
            case 6, 7 -> {
              admin = other;
              tech = reseller;
              billing = other;
            }
            default -> {
              admin = other;
              tech = another;
              billing = reseller;
            }
          }
        } else {
          admin = nic(first + random.nextInt(sizes.accounts() - first));
          tech =
              random.nextInt(10) < 7
                  ? admin
                  : nic(first + random.nextInt(sizes.accounts() - first));
          billing =
              random.nextInt(10) < 8
                  ? admin
                  : nic(first + random.nextInt(sizes.accounts() - first));
        }
      }
      out.row(
          Long.toString(i + 1L),
          type,
          name,
          name,
          statuses[i % statuses.length],
          TS,
          "2030-01-01 00:00:00+00",
          admin,
          tech,
          billing,
          ServiceNames.sortKey(name));
    }
    out.finish();
  }

  private static void changes(CopyManager copy, Sizes sizes, Random random)
      throws SQLException, IOException {
    // one change set of one item per request, with the same id (as migration V60 makes them)
    Chunks sets =
        new Chunks(
            copy,
            "copy change_sets (id, asking_nic, state, requested_at, done_at, expires_at,"
                + " next_reminder_at, reason) from stdin");
    Chunks changes =
        new Chunks(
            copy,
            "copy contact_changes (id, set_id, service_id, roles, from_nic, to_nic) from stdin",
            sets);
    Chunks parties =
        new Chunks(
            copy,
            "copy set_parties (set_id, nic, status, answered_at, code_digest,"
                + " code_issued_at, failed_attempts, resends_in_window) from stdin",
            changes);
    Chunks members =
        new Chunks(copy, "copy set_members (set_id, nic, can_cancel) from stdin", parties);
    Chunks claims =
        new Chunks(copy, "copy open_role_claims (service_id, role, change_id) from stdin", changes);
    SecureRandom codes = new SecureRandom();
    byte[] digest = new byte[32];
    int first = 1 + CUSTOMERS + PARTNERS;
    // weights per 100: the open state most of the time, every other state present
    String[] weighted = new String[100];
    fill(weighted, 0, 1, "todo");
    fill(weighted, 1, 31, "validatingByCustomers");
    fill(weighted, 31, 32, "checkValidity");
    fill(weighted, 32, 33, "doing");
    fill(weighted, 33, 63, "done");
    fill(weighted, 63, 73, "refused");
    fill(weighted, 73, 88, "expired");
    fill(weighted, 88, 98, "aborted");
    fill(weighted, 98, 100, "error");
    String now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
    String future = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(10).toString();
    String remind = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(3).toString();
    for (int j = 0; j < sizes.changes(); j++) {
      long id = j + 1L;
      boolean resellerInvolved = j % 50 == 0;
      long serviceId;
      String from;
      String to;
      String asker;
      String state = weighted[random.nextInt(100)];
      if (resellerInvolved) {
        // on the reseller's own services (never the lifecycle ones), history only
        serviceId = LIFECYCLE_SERVICES + 1 + j / 50 * 10 + 1;
        from = reseller();
        to = customer(j % CUSTOMERS);
        asker = reseller();
        state = new String[] {"done", "refused", "expired", "aborted"}[(j / 50) % 4];
      } else {
        serviceId = sizes.resellerServices() + 1 + j;
        from = nic(first + random.nextInt(sizes.accounts() - first));
        to = nic(first + random.nextInt(sizes.accounts() - first));
        if (to.equals(from)) {
          to = nic(first + (random.nextInt(sizes.accounts() - first - 1) + 1));
        }
        asker = from;
      }
      boolean open =
          switch (state) {
            case "todo", "validatingByCustomers", "checkValidity", "doing" -> true;
            default -> false;
          };
      sets.row(
          Long.toString(id),
          asker,
          state,
          open ? now : TS,
          open ? null : "2024-01-02 00:00:00+00",
          open ? future : "2024-01-15 00:00:00+00",
          state.equals("validatingByCustomers") ? remind : null,
          state.equals("refused") ? "reason.refused" : null);
      changes.row(Long.toString(id), Long.toString(id), Long.toString(serviceId), "tech", from, to);
      members.row(Long.toString(id), asker, "t");
      for (String member : new String[] {from, to}) {
        if (!member.equals(asker)) {
          members.row(Long.toString(id), member, "f");
        }
      }
      for (String party : from.equals(to) ? new String[] {from} : new String[] {from, to}) {
        String status;
        String digestHex = null;
        if (open) {
          status = "pending";
          codes.nextBytes(digest);
          digestHex = HexFormat.of().formatHex(digest);
        } else if (state.equals("done")) {
          status = "accepted";
        } else if (state.equals("refused") && party.equals(to)) {
          status = "refused";
        } else {
          status = "pending";
        }
        parties.row(
            Long.toString(id),
            party,
            status,
            status.equals("pending") ? null : "2024-01-02 00:00:00+00",
            digestHex,
            open ? now : TS,
            "0",
            "0");
      }
      if (open) {
        claims.row(Long.toString(serviceId), "tech", Long.toString(id));
      }
    }
    sets.finish();
    changes.finish();
    parties.finish();
    members.finish();
    claims.finish();
  }

  private static void fill(String[] a, int from, int to, String v) {
    for (int i = from; i < to; i++) {
      a[i] = v;
    }
  }

  /** Rows in COPY text format, sent in chunks of 20,000. */
  private static final class Chunks {
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder buffer = new StringBuilder(1 << 22);
    private int rows;

    private final Chunks parent;

    Chunks(CopyManager copy, String sql) {
      this(copy, sql, null);
    }

    /** Rows that reference the parent's rows: the parent's pending rows are sent first. */
    Chunks(CopyManager copy, String sql, Chunks parent) {
      this.copy = copy;
      this.sql = sql;
      this.parent = parent;
    }

    void row(String... values) throws SQLException, IOException {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          buffer.append('\t');
        }
        buffer.append(values[i] == null ? "\\N" : values[i]);
      }
      buffer.append('\n');
      if (++rows % 20_000 == 0) {
        flush();
      }
    }

    void finish() throws SQLException, IOException {
      flush();
    }

    private void flush() throws SQLException, IOException {
      if (parent != null) {
        parent.flush();
      }
      if (buffer.length() > 0) {
        copy.copyIn(sql, new StringReader(buffer.toString()));
        buffer.setLength(0);
      }
    }
  }
}
