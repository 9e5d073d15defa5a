package org.handover.access;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delegated access on a real PostgreSQL server (embedded binaries). */
class AccessWorkflowPostgresTest extends AccessWorkflowTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "access");
  }
}
