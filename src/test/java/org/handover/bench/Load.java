package org.handover.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** A fixed-concurrency closed-loop load generator: N threads, each calling as fast as it can. */
final class Load {

  /** One call of a thread; throws on any error. */
  interface Call {
    void run(int thread, long iteration, StepSink steps) throws Exception;
  }

  /** Latencies per thread, without locks. */
  static final class Recorder {
    private final long[][] data;
    private final int[] size;

    Recorder(int threads) {
      data = new long[threads][1 << 12];
      size = new int[threads];
    }

    void add(int thread, long nanos) {
      if (size[thread] == data[thread].length) {
        data[thread] = Arrays.copyOf(data[thread], data[thread].length * 2);
      }
      data[thread][size[thread]++] = nanos;
    }

    long count() {
      long n = 0;
      for (int s : size) {
        n += s;
      }
      return n;
    }

    long[] sorted() {
      long[] all = new long[(int) count()];
      int at = 0;
      for (int t = 0; t < data.length; t++) {
        System.arraycopy(data[t], 0, all, at, size[t]);
        at += size[t];
      }
      Arrays.sort(all);
      return all;
    }

    double percentileMs(double p) {
      long[] all = sorted();
      if (all.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * all.length) - 1;
      return all[Math.max(0, Math.min(all.length - 1, i))] / 1e6;
    }
  }

  /** What one phase measured. */
  static final class Result {
    final String phase;
    final Recorder latencies;
    final List<String> stepNames = new ArrayList<>();
    final List<Recorder> steps = new ArrayList<>();
    final AtomicLong errors = new AtomicLong();
    volatile String firstError;
    double seconds;
    final long[] iterations;

    Result(String phase, int threads, List<String> stepNames) {
      this.phase = phase;
      this.latencies = new Recorder(threads);
      this.iterations = new long[threads];
      for (String s : stepNames) {
        this.stepNames.add(s);
        this.steps.add(new Recorder(threads));
      }
    }

    long requests() {
      return latencies.count();
    }

    double perSecond() {
      return requests() / seconds;
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "%s: %d in %.1f s, %.1f/s, p50 %.1f ms, p99 %.1f ms, errors %d%s",
          phase,
          requests(),
          seconds,
          perSecond(),
          latencies.percentileMs(50),
          latencies.percentileMs(99),
          errors.get(),
          firstError == null ? "" : " (first: " + firstError + ")");
    }
  }

  private Load() {}

  /** A load to run: its name, the names of its steps, the call each thread repeats. */
  record Spec(String phase, List<String> stepNames, Call call) {}

  /**
   * Runs {@code call} on {@code threads} threads for {@code warmupSeconds} (not recorded), then
   * {@code seconds} (recorded). Step recorders, when named, get per-step latencies from the call.
   */
  static Result run(
      String phase,
      int threads,
      double warmupSeconds,
      double seconds,
      List<String> stepNames,
      Call call)
      throws InterruptedException {
    Result result = new Result(phase, threads, stepNames);
    runInto(result, threads, warmupSeconds, seconds, call);
    return result;
  }

  /**
   * Runs two loads in turn, {@code slices} times each, each slice a share of {@code seconds}: both
   * then see the same machine, however its speed drifts (a shared machine's does), so that their
   * ratio holds. Each gets {@code warmupSeconds} before its first slice.
   */
  static Result[] alternate(
      Spec a, Spec b, int threads, double warmupSeconds, double seconds, int slices)
      throws InterruptedException {
    Result ra = new Result(a.phase(), threads, a.stepNames());
    Result rb = new Result(b.phase(), threads, b.stepNames());
    for (int i = 0; i < slices; i++) {
      double warmup = i == 0 ? warmupSeconds : 0;
      runInto(ra, threads, warmup, seconds / slices, a.call());
      runInto(rb, threads, warmup, seconds / slices, b.call());
    }
    return new Result[] {ra, rb};
  }

  /** Adds one run's measurements to {@code result}; iteration numbers continue per thread. */
  private static void runInto(
      Result result, int threads, double warmupSeconds, double seconds, Call call)
      throws InterruptedException {
    Recorder discard = new Recorder(threads);
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmupSeconds * 1e9);
    long end = measureFrom + (long) (seconds * 1e9);
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  while (true) {
                    long before = System.nanoTime();
                    if (before >= end) {
                      break;
                    }
                    boolean measured = before >= measureFrom;
                    StepSink sink = new StepSink(measured ? result.steps : List.of(), thread);
                    try {
                      call.run(thread, result.iterations[thread]++, sink);
                      long took = System.nanoTime() - before;
                      if (measured) {
                        result.latencies.add(thread, took);
                      } else {
                        discard.add(thread, took);
                      }
                    } catch (Exception e) {
                      if (measured) {
                        result.errors.incrementAndGet();
                      }
                      if (result.firstError == null) {
                        result.firstError = String.valueOf(e);
                      }
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "load-" + result.phase + "-" + t);
      workers.add(w);
      w.start();
    }
    done.await();
    result.seconds += (Math.max(end, System.nanoTime()) - measureFrom) / 1e9;
  }

  /** Per-step latencies recorded by a call (ignored during warm-up). */
  static final class StepSink {
    private final List<Recorder> steps;
    private final int thread;

    StepSink(List<Recorder> steps, int thread) {
      this.steps = steps;
      this.thread = thread;
    }

    void step(int index, long nanos) {
      if (!steps.isEmpty()) {
        steps.get(index).add(thread, nanos);
      }
    }
  }
}
