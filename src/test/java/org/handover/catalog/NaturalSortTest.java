package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.handover.support.MigrationDatabases;
import org.junit.jupiter.api.Test;

/**
 * Service names sort as people read them ({@code vps-2} before {@code vps-10}) through a stored
 * key: the key's plain text order is the natural order (checked against a reference comparator on
 * random names), and the migration that adds the key ({@code V100}) fills it for existing services
 * on H2 and PostgreSQL, whose plain ordering by the key is then natural.
 */
class NaturalSortTest {

  private static final Pattern TOKEN = Pattern.compile("[0-9]+|[^0-9]");

  /** The reference order, for the listing's tests. */
  static final Comparator<String> NATURAL = NaturalSortTest::natural;

  /** The reference: digit runs compared as numbers, everything else as characters. */
  private static int natural(String a, String b) {
    Matcher x = TOKEN.matcher(a);
    Matcher y = TOKEN.matcher(b);
    while (true) {
      boolean hasX = x.find();
      boolean hasY = y.find();
      if (!hasX || !hasY) {
        return Boolean.compare(hasX, hasY);
      }
      String tx = x.group();
      String ty = y.group();
      boolean nx = Character.isDigit(tx.charAt(0));
      boolean ny = Character.isDigit(ty.charAt(0));
      int c =
          nx && ny
              ? new BigInteger(tx).compareTo(new BigInteger(ty))
              : Character.compare(tx.charAt(0), ty.charAt(0));
      if (c != 0) {
        return c;
      }
    }
  }

  @Test
  void numbersSortByValue() {
    List<String> names =
        new ArrayList<>(
            List.of("vps-10.example", "vps-2.example", "vps-1.example", "vps-02b", "vps.example"));
    names.sort(Comparator.comparing(ServiceNames::sortKey));
    assertThat(names)
        .containsExactly(
            "vps-1.example", "vps-2.example", "vps-02b", "vps-10.example", "vps.example");
    assertThat(ServiceNames.sortKey("a-007")).isEqualTo(ServiceNames.sortKey("a-7"));
    assertThat(ServiceNames.sortKey("1234567890"))
        .as("runs of nine digits or more carry a three-digit length")
        .isEqualTo("90101234567890");
  }

  @Test
  void theKeysTextOrderIsTheNaturalOrderOnRandomNames() {
    long seed = Long.getLong("model.seed", System.nanoTime());
    Random random = new Random(seed);
    String alphabet = "ab.-0123456789";
    for (int round = 0; round < 20_000; round++) {
      String a = randomName(random, alphabet);
      String b = randomName(random, alphabet);
      int expected = Integer.signum(natural(a, b));
      int actual = Integer.signum(ServiceNames.sortKey(a).compareTo(ServiceNames.sortKey(b)));
      if (expected != 0) {
        assertThat(actual).as("seed %d: %s vs %s", seed, a, b).isEqualTo(expected);
      } else {
        assertThat(actual).as("seed %d: %s vs %s share a key", seed, a, b).isZero();
      }
    }
  }

  private static String randomName(Random random, String alphabet) {
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(random.nextInt(8) == 0 ? 30 : 8);
    for (int i = 0; i < length; i++) {
      name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }

  @Test
  void onH2TheMigrationWritesKeysForExistingServices() throws SQLException {
    migratesExistingNames(MigrationDatabases.h2("natural-sort"));
  }

  @Test
  void onPostgresTheMigrationWritesKeysForExistingServices() throws SQLException {
    migratesExistingNames(MigrationDatabases.postgres("natural_sort"));
  }

  private static void migratesExistingNames(DataSource ds) throws SQLException {
    MigrationDatabases.migrate(ds, "50");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into accounts (nic, email, first_name, last_name, state, language, created_at)"
              + " values ('aa100001-ovh', 'a@example.net', 'A', 'B', 'active', 'en',"
              + " current_timestamp)");
      for (String name : List.of("vps-10.example", "vps-9.example", "vps-100.example", "a-1")) {
        s.execute(
            "insert into services (type, name, display_name, created_at, admin_nic, tech_nic,"
                + " billing_nic) values ('vps', '"
                + name
                + "', 'x', current_timestamp, 'aa100001-ovh', 'aa100001-ovh', 'aa100001-ovh')");
      }
    }
    MigrationDatabases.migrate(ds, "latest");
    List<String> names = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "select name from services where admin_nic = 'aa100001-ovh'"
                    + " order by sort_key, name, id")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    assertThat(names).containsExactly("a-1", "vps-9.example", "vps-10.example", "vps-100.example");
  }
}
