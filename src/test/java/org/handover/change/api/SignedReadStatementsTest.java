package org.handover.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.support.ApiSignature;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The SQL budget of one signed read of a task ({@code GET /1.0/me/task/contactChange/{id}}, the
 * benchmark's signed-read phase): the per-call re-check of the key (issue 13) and the task's set
 * read whole: two statements with the credential already verified (cached).
 */
@Import(StatementCounter.class)
class SignedReadStatementsTest extends IntegrationTest {

  /**
   * The key re-check 1, then the task's set read whole in one ({@code WholeSetRead}: the set's row
   * found from the task id, its items, parties and members in one {@code union all}); the caller's
   * membership is checked on the members read.
   */
  static final int SIGNED_READ = 2;

  @Autowired StatementCounter statements;
  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;
  @Autowired ChangeUseCases changes;

  private record Key(String app, String secret, String consumer) {}

  private Key key(Nic nic) {
    ApiKeys.NewApplication app = keys.createApplication(as(nic), "bench", "");
    ApiKeys.Requested requested =
        keys.requestCredential(app.application().key(), List.of(AccessRule.of("GET", "/*")), null);
    keys.validate(as(nic), requested.validationToken(), Duration.ZERO);
    return new Key(app.application().key(), app.secret(), requested.consumerKey());
  }

  private ResultActions read(Key key, long task) throws Exception {
    String path = "/1.0/me/task/contactChange/" + task;
    long ts = clock.instant().getEpochSecond();
    return mvc.perform(
        get(path)
            .header("X-Ovh-Application", key.app())
            .header("X-Ovh-Consumer", key.consumer())
            .header("X-Ovh-Timestamp", String.valueOf(ts))
            .header(
                "X-Ovh-Signature",
                ApiSignature.of(
                    key.secret(), key.consumer(), "GET", "http://localhost" + path, "", ts)));
  }

  @Test
  void aSignedTaskReadCostsAFixedFewStatements() throws Exception {
    Nic admin = fixtures.account();
    Nic partner = fixtures.account();
    Nic stranger = fixtures.account();
    HostedService service = fixtures.service(admin, admin, admin);
    long set =
        changes
            .request(as(admin), service.type(), service.name(), wanted(tech, partner))
            .orElseThrow()
            .id();
    long task = changes.find(set).orElseThrow().items().get(0).taskId();
    Key key = key(partner);
    read(key, task).andExpect(status().isOk()); // verifies and caches the credential

    statements.reset();
    read(key, task)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(task))
        .andExpect(jsonPath("$.toAccount").value(partner.value()));
    int signedRead = statements.count();
    System.out.printf("Signed task read: %d SQL statements%n", signedRead);
    assertThat(signedRead).as("%s", statements.statements()).isEqualTo(SIGNED_READ);

    // someone outside the set gets the same 404 as for a task that does not exist
    Key other = key(stranger);
    read(other, task).andExpect(status().isNotFound());
    read(other, task + 1_000_000).andExpect(status().isNotFound());
  }
}
