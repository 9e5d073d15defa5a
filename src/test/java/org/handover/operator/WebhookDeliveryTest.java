package org.handover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.support.SmtpServer;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhooks against a local HTTP receiver (allowed by {@code
 * handover.webhooks.allow-private-targets}): signed, every event of a workflow, retried when down.
 */
@TestPropertySource(properties = "handover.webhooks.allow-private-targets=true")
class WebhookDeliveryTest extends IntegrationTest {

  static final String SECRET = "webhook-secret-0123456789";

  @Autowired Webhooks webhooks;
  @Autowired WebhookDispatcher dispatcher;
  @Autowired ChangeUseCases changes;
  @Autowired org.handover.change.ChangeExpiry expiry;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  record Received(
      String type,
      String eventId,
      String timestamp,
      String signature,
      String body,
      String standardId,
      String standardTimestamp,
      String standardSignature) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final int port = SmtpServer.freePort();
  private HttpServer receiver;
  private long webhookId;

  private void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var h = exchange.getRequestHeaders();
          received.add(
              new Received(
                  h.getFirst("X-Handover-Event"),
                  h.getFirst("X-Handover-Event-Id"),
                  h.getFirst("X-Handover-Timestamp"),
                  h.getFirst("X-Handover-Signature"),
                  body,
                  h.getFirst("webhook-id"),
                  h.getFirst("webhook-timestamp"),
                  h.getFirst("webhook-signature")));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    // a thread per exchange, so that a slow receiver path delays no other
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.start();
  }

  @BeforeEach
  void register() throws IOException {
    startReceiver();
    webhookId =
        webhooks
            .register(
                Actor.operator("test", null),
                "http://127.0.0.1:" + port + "/hook",
                SECRET,
                List.copyOf(Webhooks.EVENTS))
            .id();
  }

  @AfterEach
  void unregister() {
    receiver.stop(0);
    webhooks.delete(Actor.operator("test", null), webhookId);
  }

  private ChangeSet fullWorkflow() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), Map.of(tech, x)).orElseThrow();
    changes.accept(as(a), c.id(), fixtures.codeFor(c.id(), a));
    changes.accept(as(x), c.id(), fixtures.codeFor(c.id(), x));
    return c;
  }

  @Test
  void everyEventOfAWorkflowArrivesSignedAndInOrder() {
    ChangeSet c = fullWorkflow();

    dispatcher.deliverDue();

    List<Received> mine =
        received.stream().filter(r -> r.body().contains("\"id\":" + c.id() + ",")).toList();
    assertThat(mine)
        .extracting(Received::type)
        .containsExactly(
            "contactChange.created",
            "contactChange.accepted",
            "contactChange.accepted",
            "contactChange.done",
            "service.contactsChanged");
    for (Received r : mine) {
      assertThat(r.signature())
          .isEqualTo("sha256=" + WebhookDispatcher.sign(SECRET, r.timestamp(), r.body()));
      assertThat(r.standardId()).isEqualTo(r.eventId());
      assertThat(r.standardTimestamp()).isEqualTo(r.timestamp());
      assertThat(r.standardSignature()).isEqualTo("v1," + standardWebhooksSignature(r));
      assertThat(r.body())
          .contains("\"id\":\"" + r.eventId() + "\"")
          .contains("\"type\":\"" + r.type() + "\"");
    }
    assertThat(webhooks.deliveries(webhookId, 100)).allMatch(d -> d.status().equals("sent"));
  }

  @Test
  void whileTheReceiverIsDownEventsWaitAndNothingIsLost() {
    receiver.stop(0);
    ChangeSet c = fullWorkflow();

    dispatcher.deliverDue();
    assertThat(received).isEmpty();
    assertThat(webhooks.deliveries(webhookId, 100))
        .isNotEmpty()
        .allMatch(d -> d.status().equals("pending"))
        .anyMatch(d -> d.attempts() == 1 && d.lastError() != null);

    clock.advance(Duration.ofMinutes(1));
    dispatcher.deliverDue();
    assertThat(received).isEmpty();

    try {
      startReceiver();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(10));
      dispatcher.deliverDue();
    }
    assertThat(
            received.stream()
                .filter(r -> r.body().contains("\"id\":" + c.id() + ","))
                .map(Received::type))
        .containsExactly(
            "contactChange.created",
            "contactChange.accepted",
            "contactChange.accepted",
            "contactChange.done",
            "service.contactsChanged");
    assertThat(webhooks.deliveries(webhookId, 100)).allMatch(d -> d.status().equals("sent"));
  }

  @Test
  void refusalsExpiriesAndAbortsAreSentToo() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s1 = fixtures.serviceOwnedBy(a);
    HostedService s2 = fixtures.serviceOwnedBy(a);
    ChangeSet refused = changes.request(as(a), s1.type(), s1.name(), Map.of(tech, x)).orElseThrow();
    changes.refuse(as(x), refused.id(), fixtures.codeFor(refused.id(), x), null);
    ChangeSet aborted = changes.request(as(a), s2.type(), s2.name(), Map.of(tech, x)).orElseThrow();
    changes.abort(Actor.operator("ops", null), aborted.id(), "test");

    dispatcher.deliverDue();

    assertThat(received)
        .extracting(Received::type)
        .contains("contactChange.refused", "contactChange.aborted");
  }

  @Test
  void aSlowReceiverHoldsNoRowLockAndHoldsUpNoOtherWebhook() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowPosts = new AtomicInteger();
    receiver.createContext(
        "/slow",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          slowPosts.incrementAndGet();
          arrived.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    long slow =
        webhooks
            .register(
                Actor.operator("test", null),
                "http://127.0.0.1:" + port + "/slow",
                SECRET,
                List.of("contactChange.created"))
            .id();
    try {
      Nic a = fixtures.account();
      HostedService s = fixtures.serviceOwnedBy(a);
      ChangeSet c =
          changes
              .request(as(a), s.type(), s.name(), Map.of(tech, fixtures.account()))
              .orElseThrow();
      long slowDelivery = webhooks.deliveries(slow, 1).get(0).id();

      CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(dispatcher::deliverDue);
      assertThat(arrived.await(20, TimeUnit.SECONDS)).as("the slow receiver was called").isTrue();

      // while its POST waits, the slow webhook's delivery row is not locked by anyone
      List<Long> lockable =
          tx.execute(
              st ->
                  jdbc.sql("select id from webhook_deliveries where id = ? for update skip locked")
                      .param(slowDelivery)
                      .query(Long.class)
                      .list());
      assertThat(lockable).containsExactly(slowDelivery);

      // and a second dispatcher delivers the other webhook's next event meanwhile, without
      // taking the slow delivery over
      changes.accept(as(a), c.id(), fixtures.codeFor(c.id(), a));
      dispatcher.deliverDue();
      assertThat(received)
          .anyMatch(
              r ->
                  r.type().equals("contactChange.accepted")
                      && r.body().contains("\"id\":" + c.id() + ","));
      assertThat(blocked).isNotDone();

      release.countDown();
      blocked.get(30, TimeUnit.SECONDS);
      assertThat(slowPosts).hasValue(1);
      assertThat(webhooks.deliveries(slow, 100))
          .allMatch(d -> d.status().equals("sent") && d.attempts() == 1);
    } finally {
      release.countDown();
      webhooks.delete(Actor.operator("test", null), slow);
    }
  }

  /** Computed here as a Standard Webhooks library does, from the base64 secret. */
  private static String standardWebhooksSignature(Received r) {
    try {
      byte[] key =
          java.util.Base64.getDecoder()
              .decode(
                  java.util.Base64.getEncoder()
                      .encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      String signed = r.standardId() + "." + r.standardTimestamp() + "." + r.body();
      return java.util.Base64.getEncoder()
          .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
