package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "My services" for an account holding many services in mixed roles: every page, however deep,
 * costs the same small number of SQL statements (the page, and the count when asked for), and
 * paging visits every service exactly once.
 */
@Import(StatementCounter.class)
class MyServicesPageTest extends IntegrationTest {

  static final int SERVICES = 1_200;

  /**
   * Statements per page: the session's reads, the page's rows, the count (when asked), and one for
   * the open change sets of the rows shown, whatever the page size or the number of services.
   */
  static final int BUDGET = 5;

  @Autowired MockMvc mvc;
  @Autowired StatementCounter statements;
  @Autowired JdbcClient jdbc;

  private Nic reseller;
  private Nic other;

  @BeforeEach
  void manyServices() {
    reseller = fixtures.account();
    other = fixtures.account();
    OffsetDateTime now = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < SERVICES; i++) {
      String a = i % 3 == 0 ? reseller.value() : other.value();
      String t = i % 3 == 1 ? reseller.value() : other.value();
      String b = i % 3 == 2 || i % 5 == 0 ? reseller.value() : other.value();
      jdbc.sql(
              "insert into services (type, name, display_name, status, created_at, admin_nic,"
                  + " tech_nic, billing_nic, sort_key) values (?, ?, ?, 'ok', ?, ?, ?, ?, ?)")
          .params(
              i % 2 == 0 ? "domain" : "vps",
              name(i),
              "bulk",
              now,
              a,
              t,
              b,
              ServiceNames.sortKey(name(i)))
          .update();
    }
  }

  private String name(int i) {
    return String.format("bulk-%s-%d.example", reseller.value(), i);
  }

  private String page(String query) throws Exception {
    statements.reset();
    String html =
        mvc.perform(
                get("/account/contacts/services?" + query)
                    .with(user(reseller.value()).roles("CUSTOMER")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return html;
  }

  private static final Pattern NEXT =
      Pattern.compile("rel=\"next\"\\s+href=\"[^\"]*after=([^\"&]+)");
  private static final Pattern ROW = Pattern.compile("data-service=\"([^\"]+)\"");

  @Test
  void everyPageCostsTheSameFewStatementsAndPagingVisitsEachServiceOnce() throws Exception {
    List<String> seen = new ArrayList<>();
    List<Integer> costs = new ArrayList<>();
    String query = "size=100";
    while (true) {
      String html = page(query);
      costs.add(statements.count());
      Matcher rows = ROW.matcher(html);
      while (rows.find()) {
        seen.add(rows.group(1));
      }
      Matcher next = NEXT.matcher(html);
      if (!next.find()) {
        break;
      }
      query = "size=100&after=" + next.group(1);
    }
    assertThat(seen)
        .hasSize(SERVICES)
        .doesNotHaveDuplicates()
        .as("natural order: -2 before -10")
        .isSortedAccordingTo(NaturalSortTest.NATURAL);
    assertThat(costs).hasSize(SERVICES / 100).allMatch(c -> c <= BUDGET && c.equals(costs.get(0)));
    System.out.printf("My services: %d pages, SQL statements per page: %s%n", costs.size(), costs);
  }

  @Test
  void filtersAndSearchStayWithinTheSameBudget() throws Exception {
    page("size=50&count=true");
    int severalPages = statements.count();
    String html = page("q=-42.example&size=50");
    assertThat(statements.count())
        .as("a result that fits on its first page needs no count")
        .isEqualTo(severalPages - 1);
    assertThat(html).contains("bulk-" + reseller.value() + "-42.example");
    assertThat(total(html)).isEqualTo("One service matches.");

    html = page("type=vps&tech=" + reseller.value() + "&sort=nameDesc&size=50&count=true");
    assertThat(statements.count()).isLessThanOrEqualTo(BUDGET);
    assertThat(total(html)).isEqualTo("200 services match."); // i = 1 (mod 6)
    page("sort=type&size=50");
    assertThat(statements.count()).isLessThanOrEqualTo(BUDGET);
  }

  @Test
  void largeResultsAreCountedUpToALimitAndSmallOnesExactly() throws Exception {
    assertThat(total(page("size=50&count=true")))
        .isEqualTo(
            "More than 1,000 services match; narrow the list with the search or the filters.");
    assertThat(total(page("q=no-such-name"))).isEqualTo("No service matches these filters.");
    // 110–118 and 1100–1198, even: a name search is counted when asked
    assertThat(total(page("type=domain&q=-11&count=true"))).isEqualTo("55 services match.");
  }

  @Test
  void aNameSearchRunsItsPageAloneAndCountsItsMatchesOnlyOnRequest() throws Exception {
    page("size=50&count=true");
    int counted = statements.count();

    String html = page("q=bulk-&size=50");
    assertThat(statements.count()).as("the page without its count").isEqualTo(counted - 1);
    assertThat(total(html))
        .isEqualTo("More than 50 services match this search; refine it to see fewer.");
    Matcher count = COUNT_LINK.matcher(html);
    assertThat(count.find()).as("a link to count the matches").isTrue();
    assertThat(count.group(1)).contains("q=bulk-").contains("count=true");
    Matcher next = NEXT.matcher(html);
    assertThat(next.find()).isTrue();
    assertThat(next.group(0)).doesNotContain("count=true");

    html = page("q=bulk-&size=50&after=" + next.group(1));
    assertThat(statements.count()).isEqualTo(counted - 1);
    assertThat(total(html))
        .isEqualTo("Several pages of services match this search; refine it to see fewer.");

    html = page("q=bulk-&size=50&count=true");
    assertThat(statements.count()).as("counted on request").isEqualTo(counted);
    assertThat(total(html))
        .isEqualTo(
            "More than 1,000 services match; narrow the list with the search or the filters.");
    assertThat(COUNT_LINK.matcher(html).find()).isFalse();
    next = NEXT.matcher(html);
    assertThat(next.find()).isTrue();
    assertThat(next.group(0)).as("the next page is counted too").contains("count=true");

    assertThat(total(page("q=-42.example&size=50")))
        .as("a first page that holds every match needs no count")
        .isEqualTo("One service matches.");
  }

  @Test
  void aListWithoutSearchRunsItsPageAloneAndCountsOnlyOnRequest() throws Exception {
    page("size=50&count=true");
    int counted = statements.count();

    String html = page("size=50&type=domain");
    assertThat(statements.count()).as("the page without its count").isEqualTo(counted - 1);
    assertThat(total(html))
        .isEqualTo(
            "More than 50 services are listed; narrow the list with the search or the filters.");
    Matcher count = COUNT_LINK.matcher(html);
    assertThat(count.find()).as("a link to count them").isTrue();
    assertThat(count.group(1)).contains("type=domain").contains("count=true").contains("?q=&amp;");
    Matcher next = NEXT.matcher(html);
    assertThat(next.find()).isTrue();
    assertThat(next.group(0)).doesNotContain("count=true");

    html = page("size=50&type=domain&after=" + next.group(1));
    assertThat(statements.count()).isEqualTo(counted - 1);
    assertThat(total(html))
        .isEqualTo("The list runs to several pages; narrow it with the search or the filters.");

    html = page("size=50&type=domain&count=true&after=" + next.group(1));
    assertThat(statements.count()).as("counted on request").isEqualTo(counted);
    assertThat(total(html)).isEqualTo("600 services match.");
    assertThat(COUNT_LINK.matcher(html).find()).isFalse();
    Matcher previous = PREVIOUS.matcher(html);
    assertThat(previous.find()).isTrue();
    assertThat(previous.group(0)).as("the previous page is counted too").contains("count=true");
  }

  private static final Pattern PREVIOUS =
      Pattern.compile("rel=\"prev\"\\s+href=\"[^\"]*before=([^\"&]+)");

  private static final Pattern COUNT_LINK =
      Pattern.compile("id=\"services-count\"\\s+href=\"([^\"]+)\"");

  @Test
  void aContactFilterPagesThroughExactlyTheServicesItSelects() throws Exception {
    List<String> expected =
        jdbc
            .sql(
                "select name from services where billing_nic = ? and (admin_nic = ? or tech_nic = ?"
                    + " or billing_nic = ?)")
            .params(other.value(), reseller.value(), reseller.value(), reseller.value())
            .query(String.class)
            .list()
            .stream()
            .sorted(NaturalSortTest.NATURAL.reversed())
            .toList();
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(pageThrough("sort=nameDesc&billing=" + other.value())).isEqualTo(expected);
  }

  @Test
  void theCategorySortPagesThroughEveryServiceInCategoryThenNameOrder() throws Exception {
    List<String> expected =
        jdbc
            .sql(
                "select type, name from services where admin_nic = ? or tech_nic = ? or"
                    + " billing_nic = ?")
            .params(reseller.value(), reseller.value(), reseller.value())
            .query((rs, n) -> rs.getString("type") + " " + rs.getString("name"))
            .list()
            .stream()
            .sorted(
                Comparator.comparing((String s) -> s.substring(0, s.indexOf(' ')))
                    .thenComparing(s -> s.substring(s.indexOf(' ') + 1), NaturalSortTest.NATURAL))
            .map(s -> s.substring(s.indexOf(' ') + 1))
            .toList();
    assertThat(pageThrough("sort=type")).hasSize(SERVICES).isEqualTo(expected);
  }

  /** The service names of every page, following the next links from the first. */
  private List<String> pageThrough(String query) throws Exception {
    List<String> seen = new ArrayList<>();
    String cursor = "";
    while (true) {
      String html = page("size=100&" + query + cursor);
      Matcher rows = ROW.matcher(html);
      while (rows.find()) {
        seen.add(rows.group(1));
      }
      Matcher next = NEXT.matcher(html);
      if (!next.find()) {
        return seen;
      }
      cursor = "&after=" + next.group(1);
    }
  }

  private static final Pattern TOTAL = Pattern.compile("id=\"services-total\"[^>]*>([^<]*)<");

  private static String total(String html) {
    Matcher m = TOTAL.matcher(html);
    assertThat(m.find()).as("total shown").isTrue();
    return m.group(1).strip();
  }

  @Test
  void aForgedCursorIsABadRequestNotAnError() throws Exception {
    mvc.perform(
            get("/account/contacts/services?after=not-a-cursor")
                .with(user(reseller.value()).roles("CUSTOMER")))
        .andExpect(status().isBadRequest());
  }
}
