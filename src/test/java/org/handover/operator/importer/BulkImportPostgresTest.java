package org.handover.operator.importer;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The import scenarios on a real PostgreSQL server (embedded binaries). */
class BulkImportPostgresTest extends BulkImportTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "import");
  }
}
