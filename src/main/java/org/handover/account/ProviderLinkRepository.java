package org.handover.account;

import java.time.Instant;
import java.util.Optional;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code provider_links} table: an identity provider's person and the account they use. */
@Repository
class ProviderLinkRepository {

  private final JdbcClient jdbc;

  ProviderLinkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Nic> find(String issuer, String subject) {
    return jdbc.sql("select nic from provider_links where issuer = ? and subject = ?")
        .params(issuer, subject)
        .query(String.class)
        .optional()
        .map(Nic::parse);
  }

  /** Links the person to the account (replacing an older link of theirs). */
  void link(String issuer, String subject, Nic nic, Instant at) {
    int updated =
        jdbc.sql(
                "update provider_links set nic = ?, linked_at = ? where issuer = ? and subject = ?")
            .params(nic.value(), Sql.ts(at), issuer, subject)
            .update();
    if (updated == 0) {
      jdbc.sql("insert into provider_links (issuer, subject, nic, linked_at) values (?, ?, ?, ?)")
          .params(issuer, subject, nic.value(), Sql.ts(at))
          .update();
    }
  }
}
