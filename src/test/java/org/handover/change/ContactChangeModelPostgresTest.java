package org.handover.change;

import org.handover.support.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The model-based random workflows on a real PostgreSQL server (embedded binaries). */
class ContactChangeModelPostgresTest extends ContactChangeModelTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry r) {
    EmbeddedPostgresDatabase.register(r, "model");
  }

  @Override
  int runs() {
    return 4;
  }
}
