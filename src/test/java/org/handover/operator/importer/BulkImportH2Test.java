package org.handover.operator.importer;

import org.handover.support.H2Database;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The import scenarios on the embedded default database (H2 in PostgreSQL mode). */
class BulkImportH2Test extends BulkImportTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "import");
  }
}
