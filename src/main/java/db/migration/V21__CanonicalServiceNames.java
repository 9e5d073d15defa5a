package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.handover.catalog.ServiceNames;

/**
 * Rewrites every service name in its canonical form ({@link ServiceNames}: lower case, no final
 * dot, punycode). Stops, changing nothing, when two services of one type would end up with the same
 * name or a name cannot be made canonical, and lists every such case so that an operator can merge
 * or rename them first. Java, not SQL, so that H2 and PostgreSQL canonicalise identically.
 */
public class V21__CanonicalServiceNames extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    Map<String, List<String>> byCanonical = new TreeMap<>();
    Map<Long, String> renames = new HashMap<>();
    List<String> invalid = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, type, name from services order by id")) {
      while (rs.next()) {
        long id = rs.getLong(1);
        String type = rs.getString(2);
        String name = rs.getString(3);
        String canonical = ServiceNames.canonical(name).orElse(null);
        if (canonical == null) {
          invalid.add(type + " \"" + name + "\" (id " + id + ")");
          continue;
        }
        byCanonical
            .computeIfAbsent(type + " " + canonical, k -> new ArrayList<>())
            .add("\"" + name + "\" (id " + id + ")");
        if (!canonical.equals(name)) {
          renames.put(id, canonical);
        }
      }
    }
    StringBuilder report = new StringBuilder();
    byCanonical.forEach(
        (key, names) -> {
          if (names.size() > 1) {
            report.append("\n  ").append(key).append(": ").append(String.join(", ", names));
          }
        });
    for (String bad : invalid) {
      report.append("\n  not a valid service name: ").append(bad);
    }
    if (report.length() > 0) {
      throw new IllegalStateException(
          "Service names differ only by case or a final dot (or are invalid); merge or rename"
              + " these services, then start again. Nothing was changed."
              + report);
    }
    try (PreparedStatement update =
        c.prepareStatement("update services set name = ? where id = ?")) {
      for (var rename : renames.entrySet()) {
        update.setString(1, rename.getValue());
        update.setLong(2, rename.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
