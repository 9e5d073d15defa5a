package org.handover.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handover.mail.Dispatchers;
import org.handover.mail.OutboxDispatcher;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.IntegrationTest;
import org.handover.support.SmtpServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox's delivery rate before and after round four, in alternating slices in one JVM: the
 * dispatcher through Jakarta Mail (one command at a time, as before) and through its own pipelined
 * connection, each with {@code handover.mail.senders} parallel senders draining {@value #EMAILS}
 * rows (every kind in every language) from an embedded PostgreSQL, to GreenMail in this JVM and to
 * the Python SMTP sink outside it ({@link SmtpSink}, which offers PIPELINING; GreenMail does not),
 * answering at once and {@code bench.sinkLatencyMs} later (a relay on another machine). Figures
 * only: {@code ./mvnw -Pbench test -Dtest=OutboxDeliveryBenchmark [-Dbench.emails=2000
 * -Dbench.slices=3 -Dbench.smtp=both|greenmail|sink -Dbench.sinkLatencyMs=1]}.
 */
class OutboxDeliveryBenchmark extends IntegrationTest {

  static final int EMAILS = Integer.getInteger("bench.emails", 2_000);
  static final int SLICES = Integer.getInteger("bench.slices", 3);
  static final String RECEIVERS = System.getProperty("bench.smtp", "both");
  static final double LATENCY = Double.parseDouble(System.getProperty("bench.sinkLatencyMs", "1"));

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "outbox_bench");
    registry.add("handover.mail.poll-interval", () -> "PT1H");
  }

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @Test
  void beforeAndAfterAgainstTwoReceivers() throws Exception {
    OutboxDispatcher.nameTheMailStreamProvider();
    int senders = 4;
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    GreenMail greenMail =
        new GreenMail(new ServerSetup(SmtpServer.freePort(), "127.0.0.1", "smtp"));
    greenMail.start();
    try (SmtpSink sink = new SmtpSink(0);
        SmtpSink remote = new SmtpSink(LATENCY)) {
      Map<String, Integer> receivers = new LinkedHashMap<>();
      if (!RECEIVERS.equals("sink")) {
        receivers.put("GreenMail (this JVM)", greenMail.getSmtp().getPort());
      }
      if (!RECEIVERS.equals("greenmail")) {
        receivers.put("Python sink (own process)", sink.port());
        receivers.put("Python sink, answers " + LATENCY + " ms later", remote.port());
      }
      // a warm-up round, not counted
      for (var receiver : receivers.entrySet()) {
        for (boolean pipelined : List.of(false, true)) {
          drain(receiver.getValue(), pipelined, senders, EMAILS / 4);
        }
      }
      for (int slice = 1; slice <= SLICES; slice++) {
        for (var receiver : receivers.entrySet()) {
          for (boolean pipelined : List.of(false, true)) {
            double rate = drain(receiver.getValue(), pipelined, senders, EMAILS);
            String row =
                receiver.getKey() + (pipelined ? ", own connection (after)" : ", Jakarta (before)");
            rates.computeIfAbsent(row, k -> new ArrayList<>()).add(rate);
            System.out.printf(
                Locale.ROOT, "[outbox] slice %d %s: %.0f emails/s%n", slice, row, rate);
          }
        }
        greenMail.purgeEmailFromAllMailboxes();
      }
      System.out.printf(
          "[outbox] %,d emails per run, %d senders, batches of 50, %d slices; median emails/s:%n",
          EMAILS, senders, SLICES);
      rates.forEach(
          (row, list) ->
              System.out.printf(
                  Locale.ROOT, "[outbox] %-60s %6.0f  %s%n", row, median(list), list));
    } finally {
      greenMail.stop();
    }
  }

  /** Writes {@code emails} rows, then times {@code senders} parallel senders draining them. */
  private double drain(int port, boolean pipelined, int senders, int emails) throws Exception {
    Dispatchers.enqueueSamples(context, emails, "bench" + System.nanoTime() + "-");
    JavaMailSenderImpl smtp = new JavaMailSenderImpl();
    smtp.setHost("127.0.0.1");
    smtp.setPort(port);
    smtp.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
    smtp.getJavaMailProperties().put("mail.smtp.timeout", "10000");
    OutboxDispatcher dispatcher = Dispatchers.create(context, smtp, pipelined);
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      long t0 = System.nanoTime();
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        sent.add(pool.submit(dispatcher::deliverDue));
      }
      int total = 0;
      for (Future<Integer> f : sent) {
        total += f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long left =
          jdbc.sql("select count(*) from mail_outbox where status = 'pending'")
              .query(Long.class)
              .single();
      if (total != emails || left != 0) {
        throw new IllegalStateException(total + " sent of " + emails + ", " + left + " pending");
      }
      return total / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
