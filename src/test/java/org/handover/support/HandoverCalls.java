package org.handover.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to a Handover process over real HTTP, as its three kinds of clients make them: a browser in
 * the panel (cookies, CSRF tokens, forms), the customer API (signed with an application's secret
 * and a consumer key) and the operator API (a bearer token). Answers are returned whatever their
 * status: the caller decides what is acceptable.
 */
public final class HandoverCalls {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;

  public HandoverCalls(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** An answer: its status, body and {@code Retry-After} header (null when absent). */
  public record Answer(int status, String body, String retryAfter) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** A customer-API credential: application key and secret, and a validated consumer key. */
  public record Api(String nic, String appKey, String secret, String consumerKey) {}

  // ---- the panel ------------------------------------------------------------------------------

  /** A browser: its own cookie jar, so its own web session. */
  public HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Signs {@code browser} in with a customer ID (or email) and password. */
  public void signIn(HttpClient browser, String login, String password) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", csrf(browser, "/login"));
    fields.put("login", login);
    fields.put("password", password);
    Answer done = form(browser, "/login", fields);
    if (done.status() != 200 || !done.body().contains(login)) {
      throw new IllegalStateException("could not sign in as " + login + ": " + done.status());
    }
  }

  /** A page opened in {@code browser}. */
  public Answer page(HttpClient browser, String path) {
    return send(browser, HttpRequest.newBuilder(uri(path)).GET());
  }

  /** The CSRF token of the form on the page at {@code path}, in {@code browser}'s session. */
  public String csrf(HttpClient browser, String path) {
    Answer page = page(browser, path);
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new IllegalStateException("no CSRF token on " + path + " (" + page.status() + ")");
    }
    return m.group(1);
  }

  /** A form posted from {@code browser}, as a page would. */
  public Answer form(HttpClient browser, String path, Map<String, String> fields) {
    return send(
        browser,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(formBody(fields))));
  }

  /** Fields as a form sends them ({@code application/x-www-form-urlencoded}). */
  public static String formBody(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  // ---- the customer API -----------------------------------------------------------------------

  /** An application and a consumer key for every call, made on {@code /createToken}. */
  public Api createToken(String nic, String password) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("nic", nic);
    fields.put("password", password);
    fields.put("applicationName", "handover-test");
    fields.put("applicationDescription", "");
    fields.put("validity", "0");
    fields.put("GET", "/*");
    fields.put("POST", "/*");
    Answer r =
        send(
            http,
            HttpRequest.newBuilder(uri("/createToken"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(fields))));
    if (r.status() != 200) {
      throw new IllegalStateException("createToken for " + nic + ": " + r.status() + r.body());
    }
    JsonNode token = r.json();
    return new Api(
        nic,
        token.path("applicationKey").asString(),
        token.path("applicationSecret").asString(),
        token.path("consumerKey").asString());
  }

  /** A signed call to the customer API; {@code body} may be null. */
  public Answer signed(Api key, String method, String path, String body) {
    String url = base + path;
    long ts = System.currentTimeMillis() / 1000;
    String payload = body == null ? "" : body;
    String signature = ApiSignature.of(key.secret(), key.consumerKey(), method, url, payload, ts);
    return send(
        http,
        HttpRequest.newBuilder(URI.create(url))
            .header("X-Ovh-Application", key.appKey())
            .header("X-Ovh-Consumer", key.consumerKey())
            .header("X-Ovh-Timestamp", Long.toString(ts))
            .header("X-Ovh-Signature", signature)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(payload)));
  }

  // ---- the operator API -----------------------------------------------------------------------

  /** A call to the operator API with its bearer token; {@code json} may be null. */
  public Answer operator(String token, String method, String path, String json) {
    return send(
        http,
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Waits until the outbox has nothing pending (its own gauge), and fails if anything failed. */
  public void awaitOutboxDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String metrics = get("/actuator/prometheus").body();
      if (gauge(metrics, "handover_mail_pending") == 0) {
        if (gauge(metrics, "handover_mail_failed") != 0) {
          throw new AssertionError("emails failed for good:\n" + metrics);
        }
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the outbox did not drain in " + timeout);
      }
      PostgresCluster.sleep(200);
    }
  }

  private static double gauge(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError(name + " is not in the metrics");
    }
    return Double.parseDouble(m.group(1));
  }

  /** A plain GET without credentials (health, metrics, the API's clock). */
  public Answer get(String path) {
    return send(http, HttpRequest.newBuilder(uri(path)).GET());
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static Answer send(HttpClient client, HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(90)).build();
    try {
      HttpResponse<String> r = client.send(built, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
    } catch (IOException e) {
      throw new NoAnswer(built.method() + " " + built.uri().getPath() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A call that got no whole answer: the connection closed before or while the answer came. */
  public static final class NoAnswer extends IllegalStateException {
    NoAnswer(String message, Throwable cause) {
      super("no answer from Handover: " + message, cause);
    }
  }
}
