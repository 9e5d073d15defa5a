package org.handover.system;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The CHECK constraints on a real PostgreSQL server (embedded binaries). */
class CheckConstraintsPostgresTest extends CheckConstraintsTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "constraints");
  }
}
