package org.handover.history;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.handover.system.Nic;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which change sets of a history page the viewer may open: one query per page. */
@Repository
class HistoryRepository {

  private final JdbcClient jdbc;

  HistoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The sets among {@code ids} the account is a member of: the same membership ({@code
   * set_members}) that decides whether {@code /account/contacts/requests/{id}} opens for them.
   */
  Set<Long> setsWithMember(Nic nic, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql("select set_id from set_members where nic = :nic and set_id in (:ids)")
            .param("nic", nic.value())
            .param("ids", ids)
            .query(Long.class)
            .list());
  }
}
