package org.handover.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One browser journey of a test method: the pages it opens (each in its own context, closed with
 * the journey) and its numbered screenshots {@code target/screenshots/<method>-<n>-<what>.png}.
 */
public final class BrowserJourney implements AutoCloseable {

  private final Chromium chromium;
  private final String name;
  private final int port;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private int shot;

  /** A journey named {@code name} (its screenshots' prefix) on the application at {@code port}. */
  public BrowserJourney(Chromium chromium, String name, int port) {
    this.chromium = chromium;
    this.name = name;
    this.port = port;
  }

  /** The address of a path on the application under test. */
  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** A new page in a fresh browser context with this locale. */
  public Page open(String locale) {
    BrowserContext context =
        chromium.browser().newContext(new Browser.NewContextOptions().setLocale(locale));
    context.setDefaultTimeout(15_000);
    contexts.add(context);
    return context.newPage();
  }

  /** Saves the whole page as the journey's next screenshot. */
  public void screenshot(Page page, String what) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(Path.of("target/screenshots", name + "-" + (++shot) + "-" + what + ".png")));
  }

  @Override
  public void close() {
    contexts.forEach(BrowserContext::close);
  }
}
