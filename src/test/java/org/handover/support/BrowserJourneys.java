package org.handover.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The browser of a {@code @SpringBootTest} on a random port, as a JUnit extension: one Chromium for
 * the test class, one {@link BrowserJourney} per test method (its pages closed after it, its
 * screenshots named after it). Register it with {@code @RegisterExtension static final
 * BrowserJourneys browsers = new BrowserJourneys();} and use {@link #journey()}.
 */
public final class BrowserJourneys
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private Chromium chromium;
  private BrowserJourney journey;

  @Override
  public void beforeAll(ExtensionContext context) {
    chromium = Chromium.launch();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    chromium.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    int port =
        Integer.parseInt(
            SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port"));
    journey = new BrowserJourney(chromium, context.getRequiredTestMethod().getName(), port);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    journey.close();
  }

  /** The running test method's journey. */
  public BrowserJourney journey() {
    return journey;
  }
}
