package org.handover.bench;

import static java.net.http.HttpResponse.BodyHandlers.ofString;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase (e) of {@link HandoverBenchmark}: the provider's question. Single {@code POST
 * /operator/v1/authorize} calls at the benchmark's concurrency, in alternating slices with the
 * trivial endpoint (target: at least half its rate), and a batch of 100 checks from one client,
 * whose p50 server time ({@code Server-Timing: decide}) is printed (target: at most 5 ms). The
 * reseller first shares its services with the partners through {@code POST /v2/iam/policy}, so that
 * the answers come from roles, policies and refusals alike.
 */
final class AccessPhases {

  /** The operator token the benchmark's servers are started with. */
  static final String OPERATOR_TOKEN = "bench-operator-token";

  static final int BATCH = 100;

  private static final Pattern URN = Pattern.compile("\"urn\":\"(urn:v1:[^\"]+)\"");
  private static final Pattern SERVER_TIME = Pattern.compile("decide;dur=([0-9.]+)");

  /** What the phase measured. */
  record Results(Load.Result authorize, Load.Result ceiling, Load.Result batch) {}

  private AccessPhases() {}

  static Results run(HandoverBenchmark bench, String base, HandoverBenchmark.Token reseller)
      throws Exception {
    List<String> urns = resources(bench, base, reseller);
    share(bench, base, reseller, urns);
    int threads = HandoverBenchmark.THREADS;
    Load.Spec authorize =
        new Load.Spec(
            "operator POST /operator/v1/authorize",
            List.of(),
            (t, i, s) ->
                HandoverBenchmark.expect(
                    bench.http.send(
                        operator(base + "/operator/v1/authorize", check(t, i, urns)), ofString()),
                    200));
    Load.Spec trivial =
        new Load.Spec(
            "http ceiling (access): GET /1.0/auth/time",
            List.of(),
            (t, i, s) ->
                HandoverBenchmark.expect(
                    bench.http.send(
                        HandoverBenchmark.get(base + "/1.0/auth/time").build(), ofString()),
                    200));
    Load.Result[] paired =
        Load.alternate(
            authorize,
            trivial,
            threads,
            HandoverBenchmark.WARMUP,
            HandoverBenchmark.SECONDS,
            HandoverBenchmark.SLICES);
    StringBuilder checks = new StringBuilder("{\"checks\":[");
    for (int k = 0; k < BATCH; k++) {
      checks.append(k == 0 ? "" : ",").append(check(k % threads, k, urns));
    }
    String body = checks.append("]}").toString();
    Load.Result batch =
        Load.run(
            "operator batch of " + BATCH + " checks (1 client)",
            1,
            HandoverBenchmark.WARMUP / 2,
            HandoverBenchmark.SECONDS / 2,
            List.of("server time (Server-Timing decide)"),
            (t, i, s) -> {
              HttpResponse<String> r =
                  bench.http.send(
                      operator(base + "/operator/v1/authorize/batch", body), ofString());
              HandoverBenchmark.expect(r, 200);
              Matcher m = SERVER_TIME.matcher(r.headers().firstValue("Server-Timing").orElse(""));
              if (!m.find()) {
                throw new IllegalStateException("no Server-Timing on the batch answer");
              }
              s.step(0, (long) (Double.parseDouble(m.group(1)) * 1e6));
            });
    return new Results(paired[0], paired[1], batch);
  }

  /** One check: partner {@code t} asks about a service and an action that vary with {@code i}. */
  private static String check(int t, long i, List<String> urns) {
    String urn = urns.get((int) ((t * 7919L + i) % urns.size()));
    String type = urn.split(":")[4];
    String action = type + ":apiovh:" + (i % 3 == 0 ? "terminate" : "get");
    String identity =
        i % 5 == 0 ? DataGenerator.reseller() : DataGenerator.partner(t % DataGenerator.PARTNERS);
    return "{\"identity\":\""
        + identity
        + "\",\"action\":\""
        + action
        + "\",\"resource\":\""
        + urn
        + "\"}";
  }

  /** Up to 100 of the reseller's services, as the IAM API lists them. */
  private static List<String> resources(
      HandoverBenchmark bench, String base, HandoverBenchmark.Token reseller) throws Exception {
    HttpResponse<String> r =
        bench.http.send(
            HandoverBenchmark.signed(reseller, "GET", base + "/v2/iam/resource", ""), ofString());
    HandoverBenchmark.expect(r, 200);
    List<String> urns = new ArrayList<>();
    Matcher m = URN.matcher(r.body());
    while (m.find() && urns.size() < 100) {
      urns.add(m.group(1));
    }
    if (urns.isEmpty()) {
      throw new IllegalStateException("the reseller administers no service");
    }
    return urns;
  }

  /** One policy sharing those services with every partner, except their termination. */
  private static void share(
      HandoverBenchmark bench, String base, HandoverBenchmark.Token reseller, List<String> urns)
      throws Exception {
    StringBuilder body = new StringBuilder("{\"name\":\"bench\",\"identities\":[");
    for (int k = 0; k < DataGenerator.PARTNERS; k++) {
      body.append(k == 0 ? "" : ",")
          .append("\"urn:v1:eu:identity:account:")
          .append(DataGenerator.partner(k))
          .append('"');
    }
    body.append("],\"resources\":[");
    for (int k = 0; k < urns.size(); k++) {
      body.append(k == 0 ? "" : ",").append("{\"urn\":\"").append(urns.get(k)).append("\"}");
    }
    body.append(
        "],\"permissions\":{\"allow\":[{\"action\":\"*\"}],\"except\":[{\"action\":\"*:apiovh:terminate\"}]}}");
    HandoverBenchmark.expect(
        bench.http.send(
            HandoverBenchmark.signed(reseller, "POST", base + "/v2/iam/policy", body.toString()),
            ofString()),
        200);
  }

  private static HttpRequest operator(String url, String body) {
    return HandoverBenchmark.get(url)
        .header("Authorization", "Bearer " + OPERATOR_TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
