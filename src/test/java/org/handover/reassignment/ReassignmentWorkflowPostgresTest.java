package org.handover.reassignment;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The reassignment workflow on a real PostgreSQL server (embedded binaries). */
class ReassignmentWorkflowPostgresTest extends ReassignmentWorkflowTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "reassign");
  }
}
