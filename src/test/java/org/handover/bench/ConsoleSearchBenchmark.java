package org.handover.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.handover.HandoverApplication;
import org.handover.account.Accounts;
import org.handover.catalog.HostedServices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The staff console's search at the benchmark's scale ({@link DataGenerator}: 200,000 accounts,
 * 1,000,000 services by default, {@code -Dbench.scale} to shrink): the searches staff type (a
 * service's name in another case or with a final dot, its beginning, a customer ID, its beginning
 * or digits, an email, first, last and full names, and fragments from the middle of each), each run
 * {@code bench.runs} times (100) through the application's own beans, printed as p50 and p99
 * milliseconds. {@code ./mvnw -Pbench test -Dtest=ConsoleSearchBenchmark}.
 */
class ConsoleSearchBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 100);

  @Test
  void run() throws Exception {
    DataGenerator.Sizes sizes = DataGenerator.Sizes.fromSystemProperties();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("create database search");
      }
      String url = pg.getJdbcUrl("postgres", "search");
      Flyway.configure().dataSource(url, "postgres", "").load().migrate();
      long start = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement()) {
        System.out.println("[search] " + DataGenerator.generate(c, sizes));
        s.execute("analyze");
      }
      System.out.printf("[search] data loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(HandoverApplication.class)
              .run( // arguments, so that they win over application.yml
                  "--spring.datasource.url=" + url,
                  "--spring.datasource.username=postgres",
                  "--spring.datasource.password=",
                  "--server.port=0",
                  "--handover.demo.enabled=false",
                  "--spring.flyway.enabled=false")) {
        Accounts accounts = app.getBean(Accounts.class);
        HostedServices services = app.getBean(HostedServices.class);
        int middle = sizes.accounts() / 2;
        String nic = DataGenerator.nic(middle);
        String first = DataGenerator.WORDS[middle % DataGenerator.WORDS.length];
        String service = firstService(services);
        measure("service, other case", () -> services.search(service.toUpperCase(), 50));
        measure("service, final dot", () -> services.search(service + ".", 50));
        measure("service, beginning", () -> services.search(service.substring(0, 5), 50));
        measure("customer ID", () -> accounts.search(nic.toUpperCase(), 50));
        measure("customer ID, beginning", () -> accounts.search(nic.substring(0, 5), 50));
        measure("customer ID, digits", () -> accounts.search(nic.replaceAll("[^0-9]", ""), 50));
        measure("email, beginning", () -> accounts.search(nic.substring(0, 4), 50));
        measure("first name", () -> accounts.search(first, 50));
        measure("last name, other case", () -> accounts.search("BENCH" + middle, 50));
        measure("full name", () -> accounts.search(first + " bench" + middle, 50));
        // the middle of names (issue 29): a fragment of one service's name, a common one, and
        // fragments of a customer ID, an email and a full name
        String one = service.substring(service.indexOf('-'), service.length() - 3);
        measure("service, middle", () -> services.search(one.toUpperCase(), 51));
        measure("service, rarer middle", () -> services.search("ple-12", 51));
        measure("service, common middle", () -> services.search("xample", 51));
        measure("service, nothing", () -> services.search("zzq-none", 51));
        measure("customer ID, middle", () -> accounts.search(nic.substring(3, 9), 51));
        measure("email, middle", () -> accounts.search(middle + "-ovh@bench", 51));
        measure("full name, middle", () -> accounts.search("h" + middle, 51));
      }
    }
  }

  private static String firstService(HostedServices services) {
    return services.search("a", 1).stream()
        .findFirst()
        .or(() -> services.search("v", 1).stream().findFirst())
        .orElseThrow()
        .name();
  }

  private static void measure(String what, Supplier<List<?>> search) {
    search.get(); // warm
    double[] ms = new double[RUNS];
    int found = 0;
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      found = search.get().size();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        "[search] %-24s p50 %7.2f ms, p99 %7.2f ms, %d found%n",
        what, ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.99) - 1], found);
  }
}
