package org.handover.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.support.HandoverCalls;

/**
 * One browser's cookies over plain HTTP: follows redirects itself (a POST's redirect becomes a GET,
 * as browsers do) and fills in the CSRF token of the page last read.
 */
final class HttpSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern CSRF_REVERSED =
      Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** The last answer: status, final address and body. */
  record Page(int status, URI uri, String body) {
    String csrf() {
      Matcher m = CSRF.matcher(body);
      if (m.find()) {
        return m.group(1);
      }
      Matcher r = CSRF_REVERSED.matcher(body);
      if (r.find()) {
        return r.group(1);
      }
      throw new AssertionError("no CSRF token on " + uri + ":\n" + body);
    }
  }

  /** The value of a cookie this browser holds, or null. */
  String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  Page get(String url) {
    return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  Page post(String url, Map<String, String> form) {
    String body = HandoverCalls.formBody(form);
    return follow(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Posts a form with the CSRF token of {@code page}. */
  Page submit(Page page, String url, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    form.put("_csrf", page.csrf());
    return post(url.startsWith("http") ? url : page.uri().resolve(url).toString(), form);
  }

  private Page follow(HttpRequest request) {
    try {
      for (int hops = 0; hops < 20; hops++) {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        var location = response.headers().firstValue("Location");
        if (response.statusCode() / 100 != 3 || location.isEmpty()) {
          return new Page(response.statusCode(), request.uri(), response.body());
        }
        request = HttpRequest.newBuilder(request.uri().resolve(location.get())).GET().build();
      }
      throw new AssertionError("too many redirects from " + request.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
