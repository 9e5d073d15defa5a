package org.handover.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.handover.system.Language;

/**
 * A headless Chromium driven by Playwright. Which one, in this order: the executable named by
 * {@code CHROMIUM_PATH}; a system Chromium ({@code /usr/bin/chromium}, Debian's package); else the
 * Chromium that the npm package {@code @sparticuz/chromium} ships inside itself, installed by the
 * build from the npm registry ({@link NodeProject}). Never a download from a browser vendor, never
 * a skip: a missing browser fails with a message that says what was tried.
 */
public final class Chromium implements AutoCloseable {

  private static final List<Path> SYSTEM =
      List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  public static Chromium launch() {
    Path executable = executable();
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
    return new Chromium(playwright, browser);
  }

  private static Path executable;

  /** The browser to drive, found or installed as the class comment says; looked up once. */
  static synchronized Path executable() {
    if (executable == null) {
      executable = find();
    }
    return executable;
  }

  private static Path find() {
    String configured = System.getenv("CHROMIUM_PATH");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(
            "CHROMIUM_PATH names " + path + ", which is not an executable file");
      }
      return path;
    }
    for (Path system : SYSTEM) {
      if (Files.isExecutable(system)) {
        return system;
      }
    }
    NodeProject.install();
    Path packaged =
        Path.of(
            NodeProject.run(
                    List.of("node", "chromium-path.mjs"),
                    NodeProject.DIRECTORY,
                    Duration.ofMinutes(2),
                    Map.of())
                .strip());
    if (!Files.isExecutable(packaged)) {
      throw new IllegalStateException(
          "No Chromium: CHROMIUM_PATH is unset, "
              + SYSTEM
              + " do not exist, and @sparticuz/chromium gave "
              + packaged
              + ", which is not executable");
    }
    System.out.println("[chromium] using the npm-packaged Chromium at " + packaged);
    return packaged;
  }

  public Browser browser() {
    return browser;
  }

  /** A browser context in this language at this width: a phone (touch, 844 px high) at 390 px. */
  public BrowserContext context(Language language, int width) {
    boolean phone = width == 390;
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setLocale(language.name())
                .setViewportSize(width, phone ? 844 : 900)
                .setIsMobile(phone)
                .setHasTouch(phone));
    context.setDefaultTimeout(15_000);
    return context;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
