package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.catalog.HostedServices;
import org.handover.demo.DemoData;
import org.handover.mail.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The embedded default as {@code ./mvnw spring-boot:run} starts it: an H2 file database (here under
 * target/), demo mode on, demo data loaded, health reported.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EmbeddedDefaultTest {

  @DynamicPropertySource
  static void fileDatabase(DynamicPropertyRegistry registry) {
    String dir = "./target/embedded-default/" + UUID.randomUUID();
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:file:"
                + dir
                + "/handover;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    registry.add("handover.change.jobs-enabled", () -> "false");
  }

  @Autowired Accounts accounts;
  @Autowired HostedServices services;
  @Autowired PasswordEncoder passwords;
  @Autowired MockMvc mvc;
  @Autowired Outbox outbox;

  @Autowired ThreadPoolTaskScheduler scheduler;
  @Autowired ObservationRegistry observations;

  @Test
  void requestsAreObservedButNotEachSecurityFilterOfThem() throws Exception {
    // Spring Security would observe every filter of its chains (a start and a stop per filter per
    // request, ~15 % of a page's CPU in the full-scale profile) for traces Handover does not keep
    Queue<String> seen = new ConcurrentLinkedQueue<>();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public boolean supportsContext(Observation.Context context) {
                return context.getName() != null && context.getName().startsWith("spring.security");
              }

              @Override
              public void onStart(Observation.Context context) {
                seen.add(context.getName());
              }
            });
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    mvc.perform(get("/account/contacts/services")).andExpect(status().is3xxRedirection());
    assertThat(seen).isEmpty();
  }

  @Test
  void eachScheduledJobHasAThreadOfItsOwn() {
    // mail, webhooks and expiry: a long mail backlog must not hold the other two back
    assertThat(scheduler.getPoolSize()).isEqualTo(3);
  }

  @Test
  void loadsTheDemoDataSetIntoAnEmptyDatabase() {
    assertThat(accounts.count()).isEqualTo(8);
    assertThat(services.count()).isEqualTo(44);
    assertThat(accounts.require(DemoData.DAVE).inGoodStanding()).isFalse();
    assertThat(accounts.require(DemoData.EVA).state()).isEqualTo(Account.State.suspended);
    assertThat(accounts.require(DemoData.GRETA).language()).isEqualTo(Language.de);
    assertThat(accounts.require(DemoData.LUCIA).language()).isEqualTo(Language.es);
    assertThat(accounts.findForSignIn("ALICE@demo.handover.test")).isPresent();
    String hash = accounts.passwordHash(DemoData.ALICE).orElseThrow();
    assertThat(hash).startsWith("{bcrypt}");
    assertThat(passwords.matches(DemoData.PASSWORD, hash)).isTrue();
  }

  @Test
  void reportsHealthWithoutSignIn() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
  }

  @Test
  void theDemoMailboxListsAndShowsTheOutbox() throws Exception {
    long newest = outbox.lastId();
    mvc.perform(get("/dev/mailbox"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Your Handover customer ID is")))
        .andExpect(content().string(containsString("No SMTP server is configured")))
        .andExpect(content().string(containsString("/dev/mailbox/" + newest)));
    mvc.perform(get("/dev/mailbox/" + newest))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("srcdoc=")))
        .andExpect(content().string(containsString("http://localhost:8080/login")));
    mvc.perform(get("/dev/mailbox/" + (newest + 1000))).andExpect(status().isNotFound());
  }

  @Test
  void publishesMailMetricsForPrometheus() throws Exception {
    mvc.perform(get("/actuator/prometheus"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("handover_mail_pending")))
        .andExpect(content().string(containsString("handover_mail_failed")));
  }

  @Test
  void theOperatorApiIsAbsentWithoutAToken() throws Exception {
    mvc.perform(get("/operator/v1/accounts/" + DemoData.ALICE).header("Authorization", "Bearer x"))
        .andExpect(status().isNotFound());
  }

  @Test
  void everythingElseNeedsSignIn() throws Exception {
    mvc.perform(get("/account/contacts/services")).andExpect(status().is3xxRedirection());
  }
}
