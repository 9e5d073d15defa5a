package org.handover.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class QueryProbe {
  @Test
  void run() throws Exception {
    Path dir = Path.of("/tmp/probe-pg");
    boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setPort(54329)
            .setServerConfig("shared_buffers", "256MB")
            .start();
    try {
      String url = pg.getJdbcUrl("postgres", "postgres");
      if (fresh) {
        Flyway.configure()
            .dataSource(url, "postgres", "")
            .locations("classpath:db/migration")
            .load()
            .migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "")) {
          System.out.println(DataGenerator.generate(c, DataGenerator.Sizes.fromSystemProperties()));
        }
      }
      String all = Files.readString(Path.of("/tmp/queries.sql"));
      try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement()) {
        for (String q : all.split(";;")) {
          if (q.isBlank()) continue;
          System.out.println("=== " + q.strip());
          int reps = q.strip().startsWith("prepare") || q.strip().startsWith("deallocate") ? 1 : 4;
          for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            boolean explain = q.strip().startsWith("explain");
            if (s.execute(q)) {
              try (ResultSet rs = s.executeQuery(q)) {
                int n = 0;
                while (rs.next()) {
                  if (explain && r == reps - 1) System.out.println("  " + rs.getString(1));
                  n++;
                }
                if (r == reps - 1 && !explain) System.out.println("  rows " + n);
              }
            }
            System.out.printf("  %.1f ms%n", (System.nanoTime() - t0) / 2e6);
          }
        }
      }
    } finally {
      pg.close();
    }
  }
}
