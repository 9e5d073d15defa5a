package org.handover.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.handover.support.HandoverCalls.Answer;
import org.handover.support.HandoverCalls.Api;
import tools.jackson.databind.JsonNode;

/**
 * Writers that keep Handover busy through a failover, and what they were told: every write
 * acknowledged (kind, key, when), every 503, and every other answer (which must not happen). A 503
 * must carry {@code Retry-After}; on the API it is in the reference error shape, on the panel it is
 * the try-again page with the form's fields kept.
 */
public final class FailoverLedger {

  /** A write Handover acknowledged: its kind, what identifies it, when it was sent and answered. */
  public record Ack(String kind, String key, long sentNanos, long atNanos) {}

  private final List<Ack> acks = new CopyOnWriteArrayList<>();
  private final List<String> emails = new CopyOnWriteArrayList<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger formsKept = new AtomicInteger();
  private volatile boolean running = true;
  private volatile long killedAt;
  private volatile int foundBeforeKill = -1;

  /** Marks the moment of the kill: acknowledgements after it count as after the failover. */
  public void killed() {
    killedAt = System.nanoTime();
  }

  public void stop() {
    running = false;
  }

  /** Waits until a write sent after the kill was acknowledged. */
  public void awaitWriteAfterKill(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (firstAfterKill() < 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** When the first write sent after the kill was acknowledged (-1: none yet). */
  private long firstAfterKill() {
    return acks.stream()
        .filter(a -> a.sentNanos() > killedAt)
        .mapToLong(Ack::atNanos)
        .min()
        .orElse(-1);
  }

  public Duration killToFirstWrite() {
    long first = firstAfterKill();
    assertThat(first).as("a write acknowledged after the kill").isPositive();
    return Duration.ofNanos(first - killedAt);
  }

  public int acknowledged() {
    return acks.size();
  }

  public int acknowledgedBeforeKill() {
    return (int) acks.stream().filter(a -> a.atNanos() < killedAt).count();
  }

  public int foundBeforeKill() {
    return foundBeforeKill;
  }

  public int unavailable() {
    return unavailable.get();
  }

  public int formsKept() {
    return formsKept.get();
  }

  public List<String> unexpected() {
    return unexpected;
  }

  /** The addresses of the accounts created: each must get its welcome email. */
  public List<String> accountEmails() {
    return emails;
  }

  /** Asserts every acknowledged write is among {@code present}, by kind; counts the early ones. */
  public void assertAllPresent(Map<String, Set<String>> present) {
    List<Ack> missing = new ArrayList<>();
    int before = 0;
    for (Ack ack : acks) {
      Set<String> keys = present.get(ack.kind());
      boolean found = true;
      for (String key : ack.key().split(",")) {
        found &= keys.contains(key);
      }
      if (!found) {
        missing.add(ack);
      } else if (ack.atNanos() < killedAt) {
        before++;
      }
    }
    foundBeforeKill = before;
    assertThat(missing).as("acknowledged writes missing after the failover").isEmpty();
  }

  // ---- the writers ----------------------------------------------------------------------------

  /**
   * Runs a writer; one that stops (a call with no whole answer, such as a page cut off in the
   * middle, included) is recorded as unexpected.
   */
  public void guarded(Runnable writer) {
    try {
      writer.run();
    } catch (RuntimeException e) {
      unexpected.add("a writer stopped: " + e);
    }
  }

  /** The operator API creates accounts (each with a welcome email in the outbox). */
  public void operatorWrites(HandoverCalls calls, String token, String name) {
    for (int i = 0; running; i++) {
      String body = newAccount(name + "-" + i);
      long sent = System.nanoTime();
      Answer a = calls.operator(token, "POST", "/operator/v1/accounts", body);
      if (expected(a, s -> s == 201, "operator", true)) {
        acks.add(new Ack("account", a.json().path("nic").asString(), sent, System.nanoTime()));
        emails.add(a.json().path("email").asString());
      }
    }
  }

  /** An account the operator API creates; {@code tag} makes its address unique. */
  public static String newAccount(String tag) {
    String email =
        "fo-" + tag + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.net";
    return "{\"email\":\""
        + email
        + "\",\"firstName\":\"Fail\",\"lastName\":\"Over\",\"language\":\"en\","
        + "\"password\":\"a long enough password\"}";
  }

  /**
   * The customer API asks for a change set of two items (technical contact to one account, billing
   * to another) and cancels it, domain after domain. A domain whose request answered 503 may hold
   * an open request (the commit's outcome is unknown): a conflict there ends its use.
   */
  public void customerApiWrites(
      HandoverCalls calls, Api alice, List<String> domains, String tech, String billing) {
    List<String> usable = new ArrayList<>(domains);
    Set<String> doubtful = new HashSet<>();
    for (int i = 0; running && !usable.isEmpty(); i++) {
      String domain = usable.get(i % usable.size());
      long sent = System.nanoTime();
      Answer made =
          calls.signed(
              alice,
              "POST",
              "/1.0/domain/" + domain + "/changeContact",
              "{\"contactTech\":\"" + tech + "\",\"contactBilling\":\"" + billing + "\"}");
      if (made.status() == 409 && doubtful.contains(domain)) {
        usable.remove(domain);
        continue;
      }
      if (!expected(made, s -> s == 200, "changeContact", true)) {
        doubtful.add(domain);
        continue;
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode id : made.json()) {
        ids.add(id.asString());
      }
      acks.add(new Ack("request", String.join(",", ids), sent, System.nanoTime()));
      cancel(calls, alice, ids.get(0));
    }
  }

  /** Cancels until an answer says so: a repeat after a 503 may find it cancelled already. */
  private void cancel(HandoverCalls calls, Api alice, String id) {
    boolean retried = false;
    while (true) {
      long sent = System.nanoTime();
      Answer a = calls.signed(alice, "POST", "/1.0/me/task/contactChange/" + id + "/cancel", null);
      if (retried && a.status() >= 400 && a.status() < 500) {
        return; // cancelled by the try whose answer was a 503
      }
      if (expected(a, s -> s == 200, "cancel", true)) {
        acks.add(new Ack("cancel", id, sent, System.nanoTime()));
        return;
      }
      retried = true;
      PostgresCluster.sleep(300);
    }
  }

  /** The panel: a signed-in customer creates API applications (a form, a page, an email). */
  public void panelWrites(HandoverCalls calls, String nic, String password, String name) {
    HttpClient browser = calls.browser();
    calls.signIn(browser, nic, password);
    String csrf = calls.csrf(browser, "/account/api/applications");
    for (int i = 0; running; i++) {
      String app = "fo-" + name + "-" + i;
      long sent = System.nanoTime();
      Answer a =
          calls.form(
              browser,
              "/account/api/applications",
              Map.of("_csrf", csrf, "name", app, "description", ""));
      if (a.status() == 503 && a.body().contains("value=\"" + app + "\"")) {
        formsKept.incrementAndGet();
      }
      if (expected(a, s -> s == 200, "panel", false) && a.body().contains(app)) {
        acks.add(new Ack("application", app, sent, System.nanoTime()));
      }
    }
  }

  /**
   * Whether {@code a} is the success wanted; a 503 is counted (and its shape checked), anything
   * else is recorded as unexpected.
   */
  private boolean expected(Answer a, IntPredicate success, String what, boolean api) {
    if (success.test(a.status())) {
      return true;
    }
    if (a.status() == 503) {
      unavailable.incrementAndGet();
      if (a.retryAfter() == null) {
        unexpected.add(what + ": 503 without Retry-After");
      }
      if (api && !a.body().contains("Server::ServiceUnavailable")) {
        unexpected.add(what + ": 503 not in the API's error shape: " + head(a.body()));
      }
      PostgresCluster.sleep(200);
      return false;
    }
    unexpected.add(what + ": " + a.status() + " " + head(a.body()));
    PostgresCluster.sleep(200);
    return false;
  }

  private static String head(String body) {
    return body.length() > 300 ? body.substring(0, 300) : body;
  }
}
