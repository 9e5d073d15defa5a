package org.handover.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A private in-memory H2 database for one test class, when it must not share the default one. */
public final class H2Database {

  private H2Database() {}

  public static void register(DynamicPropertyRegistry registry, String name) {
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:"
                + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
  }
}
