package org.handover.support;

import static org.handover.support.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.system.Nic;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Signed customer-API requests, as the reference provider's clients send them, for MockMvc. */
public final class SignedRequests {

  private SignedRequests() {}

  /** A validated credential of one customer. */
  public record Credential(Nic nic, String appKey, String secret, String consumerKey) {}

  /** A new application of the customer and a consumer key validated with these rules. */
  public static Credential credential(ApiKeys keys, Nic nic, List<AccessRule> rules) {
    ApiKeys.NewApplication app = keys.createApplication(as(nic), "tests", "");
    ApiKeys.Requested requested = keys.requestCredential(app.application().key(), rules, null);
    keys.validate(as(nic), requested.validationToken(), Duration.ZERO);
    return new Credential(nic, app.application().key(), app.secret(), requested.consumerKey());
  }

  /** The signature of a call to {@code url} (absolute, as the client sees it). */
  public static String sign(Credential c, String method, String url, String body, long ts) {
    return ApiSignature.of(c.secret(), c.consumerKey(), method, url, body, ts);
  }

  /** A call to {@code path} at {@code ts}, rightly signed; {@code body} may be null. */
  public static MockHttpServletRequestBuilder signed(
      Credential c, String method, String path, String body, long ts) {
    String url = "http://localhost" + path;
    return signed(c, method, path, body, ts, sign(c, method, url, body == null ? "" : body, ts));
  }

  /** A call to {@code path} with the given timestamp and signature headers. */
  public static MockHttpServletRequestBuilder signed(
      Credential c, String method, String path, String body, long ts, String signature) {
    MockHttpServletRequestBuilder builder =
        request(HttpMethod.valueOf(method), path)
            .header("X-Ovh-Application", c.appKey())
            .header("X-Ovh-Consumer", c.consumerKey())
            .header("X-Ovh-Timestamp", String.valueOf(ts))
            .header("X-Ovh-Signature", signature)
            .contentType("application/json");
    if (body != null) {
      builder.content(body);
    }
    return builder;
  }

  /** A GET of {@code path} on a running server at {@code base}, rightly signed at {@code ts}. */
  public static HttpResponse<String> get(Credential c, String base, String path, long ts) {
    String url = base + path;
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("X-Ovh-Application", c.appKey())
                  .header("X-Ovh-Consumer", c.consumerKey())
                  .header("X-Ovh-Timestamp", String.valueOf(ts))
                  .header("X-Ovh-Signature", sign(c, "GET", url, "", ts))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
