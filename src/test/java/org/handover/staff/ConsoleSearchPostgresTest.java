package org.handover.staff;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The console search on a real PostgreSQL server (embedded binaries). */
class ConsoleSearchPostgresTest extends ConsoleSearchTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "console_search");
  }
}
