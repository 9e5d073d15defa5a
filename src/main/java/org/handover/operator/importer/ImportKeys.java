package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.BulkSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the {@code import_keys} table: what one running import has already read, by kind ({@code
 * n} customer ID of a valid row, {@code N} customer ID named by an invalid row, {@code e} email,
 * {@code s} service), with the line that first named it. A row's key is the import's id, the kind
 * and the value.
 */
@Repository
class ImportKeys {

  private final JdbcClient jdbc;
  private final BulkSql bulk;

  ImportKeys(JdbcClient jdbc, BulkSql bulk) {
    this.jdbc = jdbc;
    this.bulk = bulk;
  }

  /** The first line of each of these keys already read, of any of these kinds. */
  Map<String, Integer> lines(String importId, Collection<String> kinds, Collection<String> keys) {
    int prefix = importId.length() + 1;
    List<String> wanted = new ArrayList<>(keys.size() * kinds.size());
    kinds.forEach(kind -> keys.forEach(key -> wanted.add(importId + kind + key)));
    Map<String, Integer> lines = new HashMap<>();
    BulkSql.chunks(
        wanted,
        chunk ->
            jdbc.sql("select item_key, line from import_keys where item_key in (:keys)")
                .param("keys", chunk)
                .query(
                    (rs, n) ->
                        lines.merge(rs.getString(1).substring(prefix), rs.getInt(2), Math::min))
                .list());
    return lines;
  }

  /** Remembers keys not read before, with their line. */
  void add(String importId, String kind, Map<String, Integer> lines) {
    bulk.insert(
        "import_keys",
        "item_key, line",
        lines.entrySet().stream()
            .map(e -> new Object[] {importId + kind + e.getKey(), e.getValue()})
            .toList());
  }

  /** Forgets what one import read (an import's id is a UUID: no wildcard in it). */
  void forget(String importId) {
    jdbc.sql("delete from import_keys where item_key like ?").param(importId + "%").update();
  }
}
