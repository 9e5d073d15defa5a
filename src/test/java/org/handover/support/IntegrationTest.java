package org.handover.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of integration tests: the whole application on an in-memory H2 database (PostgreSQL
 * subclasses point it at embedded PostgreSQL), with a mutable clock and named fixtures.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
public abstract class IntegrationTest {

  @Autowired protected Fixtures fixtures;
  @Autowired protected MutableClock clock;
}
