package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The SQL budget of one contact-change lifecycle (request, two acceptances): a fixed number of
 * statements per step, whatever the size of the tables. The benchmark's database ceiling replays
 * exactly these statements over JDBC ({@code HandoverBenchmark.jdbcLifecycle}); a change here must
 * be mirrored there.
 */
@Import(StatementCounter.class)
class LifecycleStatementsTest extends IntegrationTest {

  @Autowired StatementCounter statements;
  @Autowired ChangeUseCases changes;

  @Test
  void eachStepCostsAFixedNumberOfStatements() {
    Nic admin = fixtures.account();
    Nic partner = fixtures.account();
    HostedService service = fixtures.service(admin, admin, admin);

    statements.reset();
    long id =
        changes
            .request(as(admin), service.type(), service.name(), wanted(tech, partner))
            .orElseThrow()
            .id();
    int request = statements.count();
    List<String> requestSql = statements.statements();
    String first = fixtures.codeFor(id, admin);
    String second = fixtures.codeFor(id, partner);

    statements.reset();
    changes.accept(as(admin), id, first);
    int accept1 = statements.count();
    List<String> accept1Sql = statements.statements();
    statements.reset();
    ChangeSet done = changes.accept(as(partner), id, second);
    int accept2 = statements.count();
    List<String> accept2Sql = statements.statements();

    assertThat(done.state()).isEqualTo(ChangeState.done);
    System.out.printf(
        "Lifecycle SQL statements: request %d, accept %d, last accept %d%n",
        request, accept1, accept2);
    // a set is read whole in two statements whatever its size: its row locked, then its items,
    // parties and members in one (WholeSetRead); a new set's row is inserted already awaiting its
    // parties, its items read back by their own insert; then each step writes all its new rows in
    // ONE statement (JointInsert): a new set's parties, members and claims, the emails (the
    // per-recipient limit counted by that insert), the audit rows and the actor's security-log
    // line
    assertThat(List.of(request, accept1, accept2))
        .as("statements of each step:%n%s%n%s%n%s", requestSql, accept1Sql, accept2Sql)
        .containsExactly(9, 7, 12);
  }
}
