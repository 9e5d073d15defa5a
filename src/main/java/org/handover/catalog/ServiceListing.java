package org.handover.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.account.Nic;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "My services": the services where an account holds a role, filtered, sorted and paged by key
 * (never by offset), so that page 1,000 costs what page 1 costs. Each role has its own index
 * ({@code admin_nic, name, id}…); the three are read as three short ordered ranges and merged.
 */
@Repository
class ServiceListing {

  private static final String COLUMNS =
      "id, type, name, display_name, status, created_at, expires_at, admin_nic, tech_nic,"
          + " billing_nic";

  private final JdbcClient jdbc;

  ServiceListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ServicePage page(ServiceQuery q) {
    boolean backwards = q.before() != null;
    String cursor = backwards ? q.before() : q.after();
    boolean ascending = q.sort().ascending() != backwards;
    Map<String, Object> params = new HashMap<>();
    params.put("me", q.viewer().value());
    params.put("limit", q.size() + 1);
    String filters = filters(q, params);
    String keyset = cursor == null ? "" : keyset(q.sort(), ascending, cursor, params);
    String order = order(q.sort(), ascending);
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from (");
    String sep = "";
    for (String role : List.of("admin_nic", "tech_nic", "billing_nic")) {
      sql.append(sep)
          .append("(select ")
          .append(COLUMNS)
          .append(" from services where ")
          .append(role)
          .append(" = :me")
          .append(filters)
          .append(keyset)
          .append(" order by ")
          .append(order)
          .append(" fetch first :limit rows only)");
      sep = " union ";
    }
    sql.append(") mine order by ").append(order).append(" fetch first :limit rows only");
    List<HostedService> rows =
        new ArrayList<>(
            jdbc.sql(sql.toString()).params(params).query(ServiceRepository::map).list());
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
    return new ServicePage(rows, previous, next, count(q));
  }

  List<String> names(Nic nic, ServiceType type) {
    return jdbc.sql(
            """
            select name from services where admin_nic = :me and type = :type
            union select name from services where tech_nic = :me and type = :type
            union select name from services where billing_nic = :me and type = :type
            order by name""")
        .param("me", nic.value())
        .param("type", type.name())
        .query(String.class)
        .list();
  }

  private long count(ServiceQuery q) {
    Map<String, Object> params = new HashMap<>();
    params.put("me", q.viewer().value());
    String sql =
        "select count(*) from services where (admin_nic = :me or tech_nic = :me or billing_nic ="
            + " :me)"
            + filters(q, params);
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private static String filters(ServiceQuery q, Map<String, Object> params) {
    StringBuilder where = new StringBuilder();
    if (q.type() != null) {
      where.append(" and type = :type");
      params.put("type", q.type().name());
    }
    if (q.search() != null && !q.search().isBlank()) {
      where.append(" and lower(name) like :search escape '\\'");
      String escaped =
          q.search()
              .strip()
              .toLowerCase(Locale.ROOT)
              .replace("\\", "\\\\")
              .replace("%", "\\%")
              .replace("_", "\\_");
      params.put("search", "%" + escaped + "%");
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
        ? "type" + dir + ", name" + dir + ", id" + dir
        : "name" + dir + ", id" + dir;
  }

  private static String keyset(
      ServiceQuery.Sort sort, boolean ascending, String cursor, Map<String, Object> params) {
    String[] parts = decode(cursor);
    String op = ascending ? " > " : " < ";
    params.put("cname", parts[1]);
    params.put("cid", Long.parseLong(parts[2]));
    if (sort == ServiceQuery.Sort.type) {
      params.put("ctype", parts[0]);
      return " and (type, name, id)" + op + "(:ctype, :cname, :cid)";
    }
    return " and (name, id)" + op + "(:cname, :cid)";
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
