package org.handover.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.Like;
import org.handover.system.Nic;
import org.handover.system.ReadReplica;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "My services": the services where an account holds a role, filtered, sorted and paged by key
 * (never by offset), so that page 1,000 costs what page 1 costs. Each role has its own index
 * ({@code admin_nic, name, id}…); the three are read as three short ordered ranges and merged, or,
 * with a contact filter, that contact's range alone. Totals are counted up to a limit, and only
 * when asked: a list runs its page's query alone.
 */
@Repository
class ServiceListing {

  private static final String COLUMNS =
      "id, type, name, display_name, status, created_at, expires_at, admin_nic, tech_nic,"
          + " billing_nic";

  private final JdbcClient jdbc;
  private final ReadReplica reads;

  /**
   * Pages read the replica when one is configured (after the viewer's own change: the primary); the
   * names for the API, whose callers have no session to carry that, read the primary.
   */
  ServiceListing(JdbcClient jdbc, ReadReplica reads) {
    this.jdbc = jdbc;
    this.reads = reads;
  }

  ServicePage page(ServiceQuery q) {
    boolean backwards = q.before() != null;
    String cursor = backwards ? q.before() : q.after();
    boolean ascending = q.sort().ascending() != backwards;
    Map<String, Object> params = new HashMap<>();
    params.put("limit", q.size() + 1);
    String keyset = cursor == null ? "" : keyset(q.sort(), ascending, cursor, params);
    String order = order(q.sort(), ascending);
    String ranges =
        ranges(
            q,
            params,
            keys(q.sort()),
            keyset + " order by " + order + " fetch first :limit rows only");
    String sql =
        "select "
            + COLUMNS
            + " from services where id in (select id from ("
            + ranges
            + ") mine order by "
            + order
            + " fetch first :limit rows only) order by "
            + order;
    List<HostedService> rows =
        new ArrayList<>(
            reads
                .forLists(q.viewer())
                .sql(sql)
                .params(params)
                .query(ServiceRepository::map)
                .list());
    boolean more = rows.size() > q.size();
    if (more) {
      rows.remove(rows.size() - 1);
    }
    if (backwards) {
      Collections.reverse(rows);
    }
    boolean hasNext = backwards ? true : more;
    boolean hasPrevious = backwards ? more : cursor != null;
    String next = hasNext && !rows.isEmpty() ? encode(q.sort(), rows.get(rows.size() - 1)) : null;
    String previous = hasPrevious && !rows.isEmpty() ? encode(q.sort(), rows.get(0)) : null;
    // a first page that holds every match is its own count; a longer list is counted on request
    // only (its count walks the ranges until a thousand matches or their end, its page until 51)
    long total =
        cursor == null && !more ? rows.size() : q.counted() ? count(q) : ServicePage.UNCOUNTED;
    return new ServicePage(rows, previous, next, total);
  }

  /**
   * The services the viewer holds a role on, as ordered index ranges joined by {@code union}: the
   * range of a contact filter when there is one (one index, the viewer checked per row), else one
   * range per role of the viewer.
   */
  private static String ranges(
      ServiceQuery q, Map<String, Object> params, String columns, String tail) {
    params.put("me", q.viewer().value());
    String filters = filters(q, params);
    String select = "(select " + columns + " from services where ";
    String driving = q.admin() != null ? "admin_nic = :fadmin" : null;
    driving = driving == null && q.tech() != null ? "tech_nic = :ftech" : driving;
    driving = driving == null && q.billing() != null ? "billing_nic = :fbilling" : driving;
    if (driving != null) {
      return select
          + driving
          + " and (admin_nic = :me or tech_nic = :me or billing_nic = :me)"
          + filters
          + tail
          + ")";
    }
    StringBuilder union = new StringBuilder();
    for (String role : List.of("admin_nic", "tech_nic", "billing_nic")) {
      union.append(union.isEmpty() ? "" : " union ");
      union.append(select).append(role).append(" = :me").append(filters).append(tail).append(")");
    }
    return union.toString();
  }

  /**
   * The keys of the services matching the query's filters (not its page), in name order, at most
   * {@code limit}: what a bulk handover of "every service matching this filter" selects.
   */
  List<ServiceKey> keys(ServiceQuery q, int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("limit", limit);
    String tail = " order by name, id fetch first :limit rows only";
    String sql =
        "select type, name from services where id in (select id from ("
            + ranges(q, params, "id, name", tail)
            + ") m) order by name, id fetch first :limit rows only";
    return jdbc.sql(sql)
        .params(params)
        .query((rs, n) -> new ServiceKey(ServiceType.valueOf(rs.getString(1)), rs.getString(2)))
        .list();
  }

  List<String> names(Nic nic, ServiceType type) {
    return jdbc.sql(
            """
            select sort_key, name from services where admin_nic = :me and type = :type
            union select sort_key, name from services where tech_nic = :me and type = :type
            union select sort_key, name from services where billing_nic = :me and type = :type
            order by sort_key, name""")
        .param("me", nic.value())
        .param("type", type.name())
        .query((rs, n) -> rs.getString("name"))
        .list();
  }

  /**
   * How many services match, counted up to {@link ServicePage#COUNT_LIMIT}: beyond that the page
   * says "more than", so that counting never costs more than reading a thousand index entries per
   * range.
   */
  private long count(ServiceQuery q) {
    Map<String, Object> params = new HashMap<>();
    params.put("limit", ServicePage.COUNT_LIMIT + 1);
    // in the listing's own order, so each range walks the index the page walks (another index
    // may hold the matches far apart)
    String tail = " order by " + order(q.sort(), true) + " fetch first :limit rows only";
    String sql = "select count(*) from (" + ranges(q, params, keys(q.sort()), tail) + ") m";
    return reads.forLists(q.viewer()).sql(sql).params(params).query(Long.class).single();
  }

  /**
   * What the ranges yield: only what their index holds, so that a name search filters index entries
   * without reading the table; the page's rows are read last, by id.
   */
  private static String keys(ServiceQuery.Sort sort) {
    return sort == ServiceQuery.Sort.type ? "id, type, sort_key, name" : "id, sort_key, name";
  }

  private static String filters(ServiceQuery q, Map<String, Object> params) {
    StringBuilder where = new StringBuilder();
    if (q.type() != null) {
      where.append(" and type = :type");
      params.put("type", q.type().name());
    }
    if (q.search() != null && !q.search().isBlank()) {
      // names are stored in their canonical lower-case form (ServiceNames): no lower() needed
      where.append(" and name like :search escape '\\'");
      params.put("search", Like.contains(q.search()));
    }
    addContact(where, params, "admin_nic", "fadmin", q.admin());
    addContact(where, params, "tech_nic", "ftech", q.tech());
    addContact(where, params, "billing_nic", "fbilling", q.billing());
    return where.toString();
  }

  private static void addContact(
      StringBuilder where, Map<String, Object> params, String column, String name, Nic nic) {
    if (nic != null) {
      where.append(" and ").append(column).append(" = :").append(name);
      params.put(name, nic.value());
    }
  }

  private static String order(ServiceQuery.Sort sort, boolean ascending) {
    String dir = ascending ? "" : " desc";
    return sort == ServiceQuery.Sort.type
        ? "type" + dir + ", sort_key" + dir + ", name" + dir + ", id" + dir
        : "sort_key" + dir + ", name" + dir + ", id" + dir;
  }

  private static String keyset(
      ServiceQuery.Sort sort, boolean ascending, String cursor, Map<String, Object> params) {
    String[] parts = decode(cursor);
    String op = ascending ? " > " : " < ";
    params.put("ckey", ServiceNames.sortKey(parts[1]));
    params.put("cname", parts[1]);
    params.put("cid", Long.parseLong(parts[2]));
    if (sort == ServiceQuery.Sort.type) {
      params.put("ctype", parts[0]);
      return " and (type, sort_key, name, id)" + op + "(:ctype, :ckey, :cname, :cid)";
    }
    return " and (sort_key, name, id)" + op + "(:ckey, :cname, :cid)";
  }

  private static String encode(ServiceQuery.Sort sort, HostedService s) {
    String raw = s.type().name() + "\n" + s.name() + "\n" + s.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("cursor");
      }
      Long.parseLong(parts[2]);
      return parts;
    } catch (IllegalArgumentException e) {
      throw new ServiceQuery.BadCursor();
    }
  }
}
