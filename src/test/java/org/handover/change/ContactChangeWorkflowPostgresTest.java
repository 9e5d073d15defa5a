package org.handover.change;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The workflow scenarios on a real PostgreSQL server (embedded binaries). */
class ContactChangeWorkflowPostgresTest extends ContactChangeWorkflowTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "workflow");
  }
}
