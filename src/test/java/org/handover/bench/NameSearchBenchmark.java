package org.handover.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.handover.catalog.ListingStatements;
import org.handover.catalog.ServiceQuery;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Does a trigram index ({@code pg_trgm}, GIN; migration V235 makes it where it can) help the
 * reseller's name search on My services? The data set of {@link DataGenerator} ({@code
 * -Dbench.scale}, {@code -Dbench.resellerServices} for a reseller holding more), then, for searches
 * from the commonest to one that matches nothing, {@code EXPLAIN (ANALYZE, BUFFERS)} of the exact
 * statements {@code ServiceListing} runs (the page alone, as by default, and the page with its
 * count, as on request), each run {@value #RUNS} times (median execution time), without the index
 * and then with it. Prints a table and writes {@code target/bench/name-search.txt}: {@code ./mvnw
 * -Pbench test -Dtest=NameSearchBenchmark -Dbench.scale=0.1} (or {@code -Dbench.url/user/password}
 * for a database of one's own, which it fills).
 */
class NameSearchBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 7);
  private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
  private static final Pattern HITS = Pattern.compile("shared hit=([0-9]+)(?: read=([0-9]+))?");

  @Test
  void run() throws Exception {
    DataGenerator.Sizes sizes = DataGenerator.Sizes.fromSystemProperties();
    EmbeddedPostgres pg = null;
    String url = System.getProperty("bench.url");
    String user = System.getProperty("bench.user", "postgres");
    String password = System.getProperty("bench.password", "");
    if (url == null) {
      pg = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB").start();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("create database names");
      }
      url = pg.getJdbcUrl("postgres", "names");
    }
    try {
      Flyway.configure().dataSource(url, user, password).load().migrate();
      StringBuilder out = new StringBuilder();
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        out.append(DataGenerator.generate(c, sizes)).append('\n');
        DataSource db =
            new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password);
        Map<String, String> searches = searches(sizes);
        try (Statement s = c.createStatement()) { // made by migration V235 where it can be
          s.execute("drop index if exists services_name_trgm_idx");
          s.execute("analyze services");
        }
        Map<String, double[]> without = measure(c, db, searches, out, "without the trigram index");
        try (Statement s = c.createStatement()) {
          long start = System.nanoTime();
          s.execute("create extension if not exists pg_trgm");
          s.execute(
              "create index services_name_trgm_idx on services using gin (name gin_trgm_ops)");
          s.execute("analyze services");
          out.append(
              String.format(
                  Locale.ROOT,
                  "%ntrigram index built in %.1f s, %s%n",
                  (System.nanoTime() - start) / 1e9,
                  size(c)));
        }
        Map<String, double[]> with = measure(c, db, searches, out, "with the trigram index");
        out.append(table(searches, without, with));
      }
      System.out.println(out);
      Files.createDirectories(Path.of("target", "bench"));
      Files.writeString(Path.of("target", "bench", "name-search.txt"), out.toString());
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  /** From the commonest search to one that matches nothing, by label. */
  private static Map<String, String> searches(DataGenerator.Sizes sizes) {
    int one = sizes.resellerServices() / 2; // a service of the reseller's (not a lifecycle one)
    Map<String, String> searches = new LinkedHashMap<>();
    searches.put("common word (1 name in 40)", DataGenerator.WORDS[3]);
    searches.put("word and first digit (1 in 400)", DataGenerator.WORDS[3] + "-1");
    searches.put("one service by number", "-" + one + ".");
    searches.put("nothing matches", "no-such-name");
    return searches;
  }

  /** For each search: median ms of the page alone, of page + count; buffers of each. */
  private Map<String, double[]> measure(
      Connection c, DataSource db, Map<String, String> searches, StringBuilder out, String label)
      throws Exception {
    Nic reseller = new Nic(DataGenerator.reseller());
    Map<String, double[]> results = new LinkedHashMap<>();
    out.append("\n== ").append(label).append(" ==\n");
    for (Map.Entry<String, String> search : searches.entrySet()) {
      ServiceQuery page =
          new ServiceQuery(
              reseller, search.getValue(), null, null, null, null, null, null, null, 50);
      List<String> alone = ListingStatements.of(db, page);
      List<String> counted = ListingStatements.of(db, page.counting(true));
      double[] pageRun = explain(c, alone.subList(0, 1), out, search.getKey());
      double[] countRun =
          counted.size() > 1 ? explain(c, counted.subList(1, 2), out, null) : new double[] {0, 0};
      results.put(search.getKey(), new double[] {pageRun[0], countRun[0], pageRun[1], countRun[1]});
    }
    return results;
  }

  /** Median execution time and buffers touched of the statements, {@value #RUNS} runs. */
  private static double[] explain(
      Connection c, List<String> statements, StringBuilder out, String printPlanOf)
      throws Exception {
    double[] times = new double[RUNS];
    long buffers = 0;
    String plan = "";
    for (int run = 0; run < RUNS; run++) {
      for (String sql : statements) {
        StringBuilder lines = new StringBuilder();
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
          while (rs.next()) {
            lines.append("  ").append(rs.getString(1)).append('\n');
          }
        }
        Matcher m = EXECUTION.matcher(lines);
        if (m.find()) {
          times[run] += Double.parseDouble(m.group(1));
        }
        Matcher b = HITS.matcher(lines);
        if (run == RUNS - 1 && b.find()) {
          buffers =
              Long.parseLong(b.group(1)) + (b.group(2) == null ? 0 : Long.parseLong(b.group(2)));
        }
        plan = lines.toString();
      }
    }
    if (printPlanOf != null) {
      out.append("\n").append(printPlanOf).append(", the page's statement:\n").append(plan);
    }
    Arrays.sort(times);
    return new double[] {times[RUNS / 2], buffers};
  }

  private static String size(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select pg_size_pretty(pg_relation_size('services_name_trgm_idx')),"
                    + " pg_size_pretty(pg_relation_size('services'))")) {
      rs.next();
      return "index " + rs.getString(1) + " (the table " + rs.getString(2) + ")";
    }
  }

  private static String table(
      Map<String, String> searches, Map<String, double[]> without, Map<String, double[]> with) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%n| search | q | page ms (buffers) | page ms with trgm (buffers) | count ms | count ms"
                + " with trgm |"));
    lines.add("|---|---|---|---|---|---|");
    for (Map.Entry<String, String> s : searches.entrySet()) {
      double[] a = without.get(s.getKey());
      double[] b = with.get(s.getKey());
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | `%s` | %.2f (%.0f) | %.2f (%.0f) | %.2f | %.2f |",
              s.getKey(),
              s.getValue(),
              a[0],
              a[2],
              b[0],
              b[2],
              a[1],
              b[1]));
    }
    return String.join("\n", lines) + "\n";
  }
}
