package org.handover.security;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Account protection's stores on a real PostgreSQL server (embedded binaries). */
class SecurityStoresPostgresTest extends SecurityStoresTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "security_stores");
  }
}
