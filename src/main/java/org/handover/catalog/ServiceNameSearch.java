package org.handover.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.Like;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The staff console's service search: the service named as typed first, then names starting with
 * it, then (for {@link Like#FRAGMENT_LENGTH} characters or more) names holding it anywhere. Each
 * step is one bounded statement: the name's unique index, its prefix index (V150), and on
 * PostgreSQL its trigram index where there is one (V235), which finds a fragment among a million
 * names without reading them all; H2 reads every name for a fragment. No step sorts its every
 * match: past {@code limit} the console asks staff to refine instead.
 */
@Repository
class ServiceNameSearch {

  private final JdbcClient jdbc;

  ServiceNameSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Up to {@code limit} services for {@code typed} (stripped, without a final dot), the one named
   * {@code canonical} first.
   */
  List<HostedService> find(String typed, String canonical, int limit) {
    Map<Long, HostedService> found = new LinkedHashMap<>();
    add(found, "name = :p", canonical, limit);
    add(found, "name like :p escape '\\'", Like.startsWith(typed), limit);
    if (Like.fragment(typed)) {
      add(found, "name like :p escape '\\'", Like.contains(typed), limit);
    }
    return found.values().stream().limit(limit).toList();
  }

  private void add(Map<Long, HostedService> found, String where, String param, int limit) {
    if (found.size() >= limit) {
      return;
    }
    jdbc.sql(ServiceRepository.SELECT + " where " + where + " limit :limit")
        .param("p", param)
        .param("limit", limit)
        .query(ServiceRepository::map)
        .list()
        .forEach(s -> found.putIfAbsent(s.id(), s));
  }
}
