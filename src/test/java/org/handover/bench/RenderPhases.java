package org.handover.bench;

import static java.net.http.HttpResponse.BodyHandlers.ofString;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handover.catalog.ServiceType;

/**
 * The phases of issue 31 items 2 and 3 alone ({@code -Dbench.only=render}): My services page 1 at
 * the benchmark's concurrency and for one client, the signed task read, and a signed {@code
 * serviceInfos} of every category in turn (the one category mapping), each in alternating slices
 * with the trivial endpoint at the same concurrency, so that their ratios can be compared before
 * and after a change on a loaded machine. Prints one line per pair; runs nothing else.
 */
final class RenderPhases {

  private RenderPhases() {}

  static void run(
      HandoverBenchmark bench,
      String base,
      String[] sessions,
      HandoverBenchmark.Token reseller,
      int involved)
      throws Exception {
    String services = base + "/account/contacts/services";
    Load.Spec page =
        new Load.Spec(
            "My services: page 1",
            List.of(),
            (t, i, s) ->
                HandoverBenchmark.expect(
                    bench.http.send(
                        HandoverBenchmark.get(services).header("Cookie", sessions[t]).build(),
                        ofString()),
                    200));
    Load.Spec reads =
        new Load.Spec(
            "signed GET /1.0/me/task/contactChange/{id}",
            List.of(),
            (t, i, s) -> {
              long id = 1 + ((t * 7919L + i) % involved) * 50;
              HandoverBenchmark.expect(
                  bench.http.send(
                      HandoverBenchmark.signed(
                          reseller, "GET", base + "/1.0/me/task/contactChange/" + id, ""),
                      ofString()),
                  200);
            });
    List<String> infos = serviceInfos(base);
    Load.Spec categories =
        new Load.Spec(
            "signed GET /1.0/{category}/{name}/serviceInfos",
            List.of(),
            (t, i, s) ->
                HandoverBenchmark.expect(
                    bench.http.send(
                        HandoverBenchmark.signed(
                            reseller, "GET", infos.get((int) ((t + i) % infos.size())), ""),
                        ofString()),
                    200));
    pair(bench, base, page, HandoverBenchmark.THREADS);
    pair(bench, base, page, 1);
    pair(bench, base, reads, HandoverBenchmark.THREADS);
    pair(bench, base, categories, HandoverBenchmark.THREADS);
  }

  /** {@code spec} and the trivial endpoint in alternating slices; prints both and the ratio. */
  private static void pair(HandoverBenchmark bench, String base, Load.Spec spec, int threads)
      throws Exception {
    Load.Spec trivial =
        new Load.Spec(
            "http ceiling: GET /1.0/auth/time",
            List.of(),
            (t, i, s) ->
                HandoverBenchmark.expect(
                    bench.http.send(
                        HandoverBenchmark.get(base + "/1.0/auth/time").build(), ofString()),
                    200));
    Instant start = Instant.now();
    Load.Result[] r =
        Load.alternate(
            spec,
            trivial,
            threads,
            HandoverBenchmark.WARMUP,
            HandoverBenchmark.SECONDS,
            HandoverBenchmark.SLICES);
    System.out.println("[bench] " + threads + " client(s), from " + start + " to " + Instant.now());
    System.out.println("[bench] " + threads + " client(s): " + r[0].summary());
    System.out.println("[bench] " + threads + " client(s): " + r[1].summary());
    System.out.printf(
        Locale.ROOT,
        "[bench] render ratio, %d client(s): %s = %.1f %% of the trivial endpoint%n",
        threads,
        spec.phase(),
        100 * r[0].perSecond() / r[1].perSecond());
  }

  /**
   * One of the reseller's services of each category ({@link DataGenerator} gives service {@code i}
   * the type {@code TYPES[i % 8]}), as a serviceInfos URL under that category's prefix.
   */
  private static List<String> serviceInfos(String base) {
    List<String> urls = new ArrayList<>();
    for (int i = 1000; i < 1000 + DataGenerator.TYPES.length; i++) {
      ServiceType type = ServiceType.valueOf(DataGenerator.TYPES[i % DataGenerator.TYPES.length]);
      String name =
          DataGenerator.WORDS[(i / 8) % DataGenerator.WORDS.length] + "-" + i + ".example";
      urls.add(base + "/1.0/" + type.apiPrefix() + "/" + name + "/serviceInfos");
    }
    return urls;
  }
}
