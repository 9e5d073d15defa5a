package org.handover.bench;

import static java.net.http.HttpResponse.BodyHandlers.ofString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The sessions' share of a signed-in page (issue 31, item 1): My services page 1 at the benchmark's
 * concurrency and for one client, each in alternating slices with the trivial endpoint, with the
 * server's CPU time per request read from {@code /proc}. Run alone with {@code
 * -Dbench.only=sessions} (the other phases are skipped); {@code
 * -Dbench.serverArg=--handover.sessions.near-cache-size=0} starts the server without the near
 * cache, for the comparison.
 */
final class SessionPhases {

  static final boolean ONLY = "sessions".equals(System.getProperty("bench.only"));

  private SessionPhases() {}

  static void run(HandoverBenchmark bench, String base, String[] sessions, long pid)
      throws Exception {
    String page = base + "/account/contacts/services";
    for (int threads : new int[] {HandoverBenchmark.THREADS, 1}) {
      Load.Spec pages =
          new Load.Spec(
              "sessions: My services page 1, " + threads + " client(s)",
              List.of(),
              (t, i, s) ->
                  HandoverBenchmark.expect(
                      bench.http.send(
                          HandoverBenchmark.get(page).header("Cookie", sessions[t]).build(),
                          ofString()),
                      200));
      Load.Spec trivial =
          new Load.Spec(
              "sessions: trivial endpoint, " + threads + " client(s)",
              List.of(),
              (t, i, s) ->
                  HandoverBenchmark.expect(
                      bench.http.send(
                          HandoverBenchmark.get(base + "/1.0/auth/time").build(), ofString()),
                      200));
      Load.Result[] paired =
          Load.alternate(
              pages,
              trivial,
              threads,
              HandoverBenchmark.WARMUP,
              HandoverBenchmark.SECONDS,
              HandoverBenchmark.SLICES);
      System.out.println("[bench] " + paired[0].summary());
      System.out.println("[bench] " + paired[1].summary());
      double pageCpu = cpuPerRequest(pid, pages, threads);
      double trivialCpu = cpuPerRequest(pid, trivial, threads);
      System.out.printf(
          Locale.ROOT,
          "[bench] sessions, %d client(s): page 1 at %.1f %% of the trivial endpoint;"
              + " server CPU per request: page %.2f ms, trivial %.2f ms%n",
          threads,
          100 * paired[0].perSecond() / paired[1].perSecond(),
          pageCpu,
          trivialCpu);
    }
  }

  /** The server's CPU milliseconds per request of one more run of the load alone. */
  private static double cpuPerRequest(long pid, Load.Spec load, int threads) throws Exception {
    long before = cpuMillis(pid);
    Load.Result r =
        Load.run(load.phase(), threads, 0, HandoverBenchmark.SECONDS / 2, List.of(), load.call());
    return (double) (cpuMillis(pid) - before) / r.requests();
  }

  /** The server process's user and system CPU time so far. */
  private static long cpuMillis(long pid) throws Exception {
    String[] stat =
        Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ", 2)[1].split(" ");
    long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    return ticks * 10; // USER_HZ is 100 on Linux
  }
}
