package org.handover.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.handover.system.InsertPart;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code security_log} table: appended to, read by account newest first, purged by age. */
@Repository
class SecurityLogRepository {

  private static final String COLUMNS =
      "id, at, event, method, factor, actor, by_whom, reason, ref_number, address, browser,"
          + " browser_system, detail";
  private static final int FETCH = 500;

  private final JdbcClient jdbc;

  SecurityLogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The insert of lines of one account's log, all at one time, event, address and browser. */
  InsertPart lines(
      Nic nic,
      Instant at,
      SecurityEvent event,
      List<SecurityLog.Details> details,
      String address,
      Browsers.Recognised browser) {
    return InsertPart.values(
        "security_log",
        "nic, at, event, method, factor, actor, by_whom, reason, ref_number, address, browser,"
            + " browser_system, detail",
        details.stream()
            .map(
                d ->
                    new Object[] {
                      nic.value(),
                      Sql.ts(at),
                      event.name(),
                      d.method(),
                      d.factor(),
                      d.actor() == null ? null : d.actor().name(),
                      cut(d.by(), 80),
                      d.reason() == null ? null : d.reason().name(),
                      d.ref(),
                      cut(address, 64),
                      browser.browser(),
                      browser.system(),
                      cut(d.detail(), 300)
                    })
            .toList());
  }

  /** Up to {@code limit} lines older than {@code before} (all when null), newest first. */
  List<SecurityEntry> page(Nic nic, Long before, int limit) {
    // two statements rather than "? is null or …", which PostgreSQL cannot type
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from security_log where nic = :nic"
                + (before == null ? "" : " and id < :before")
                + " order by id desc")
        .param("nic", nic.value())
        .param("before", before == null ? 0L : before)
        .withMaxRows(limit)
        .query(SecurityLogRepository::entry)
        .list();
  }

  /** Every line of the account, newest first, handed on one by one (memory stays bounded). */
  void each(Nic nic, Consumer<SecurityEntry> sink) {
    try (Stream<SecurityEntry> lines =
        jdbc
            .sql("select " + COLUMNS + " from security_log where nic = ? order by id desc")
            .param(nic.value())
            .withFetchSize(FETCH)
            .query(SecurityLogRepository::entry)
            .stream()) {
      lines.forEach(sink);
    }
  }

  int purgeBefore(Instant cutoff) {
    return jdbc.sql("delete from security_log where at < ?").param(Sql.ts(cutoff)).update();
  }

  private static SecurityEntry entry(ResultSet rs, int row) throws SQLException {
    return new SecurityEntry(
        rs.getLong("id"),
        Sql.instant(rs, "at"),
        SecurityEvent.valueOf(rs.getString("event")),
        rs.getString("method"),
        rs.getString("factor"),
        SecurityActor.parse(rs.getString("actor")),
        rs.getString("by_whom"),
        SecurityReason.parse(rs.getString("reason")),
        number(rs, "ref_number"),
        rs.getString("address"),
        rs.getString("browser"),
        rs.getString("browser_system"),
        rs.getString("detail"));
  }

  private static Long number(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
