package org.handover.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delegated access on a real PostgreSQL server (embedded binaries), and the decision's plan. */
class AccessWorkflowPostgresTest extends AccessWorkflowTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "access");
  }

  @Autowired JdbcTemplate jdbc;

  /** Among 20,000 more services, the decision's read probes the index, never scans the table. */
  @Test
  void theDecisionReadsServicesThroughTheirIndex() {
    Nic owner = fixtures.account();
    jdbc.update(
        "insert into services (type, name, display_name, status, created_at, admin_nic, tech_nic,"
            + " billing_nic, sort_key) select 'domain', 'plan-' || g || '.example', 'x', 'ok',"
            + " now(), ?, ?, ?, 'plan-' || g from generate_series(1, 20000) g",
        owner.value(),
        owner.value(),
        owner.value());
    jdbc.execute("analyze");
    String many =
        FactsRepository.FACTS_OF_MANY
            .replace(":nics", "array['" + owner.value() + "', '" + owner.value() + "']")
            .replace(":types", "array['domain', 'domain']")
            .replace(":names", "array['plan-5.example', 'plan-7.example']");
    String one =
        FactsRepository.FACTS_OF_ONE
            .replace(":nic", "'" + owner.value() + "'")
            .replace(":type", "'domain'")
            .replace(":name", "'plan-5.example'");

    for (String sql : List.of(many, one)) {
      List<String> plan = jdbc.queryForList("explain " + sql, String.class);

      assertThat(String.join("\n", plan))
          // by the (type, name) key or the name's prefix index (V150): a probe either way
          .containsPattern("Index (Only )?Scan using \\w+ on services")
          .doesNotContain("Seq Scan on services");
    }
  }
}
