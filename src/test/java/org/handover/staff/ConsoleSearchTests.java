package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.handover.account.Account;
import org.handover.account.AccountOpening;
import org.handover.account.Accounts;
import org.handover.account.NewAccount;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What staff type in the console's search finds what they mean, on each database a subclass points
 * it at: services by their name in any case, with a final dot, by its beginning or by any part of
 * three characters or more; people by customer ID, email, first, last or full name, whole or any
 * part; {@code %} and {@code _} as themselves. Shorter searches match starts only and say so; more
 * than the page holds says "refine" without a count; an over-long search is refused by its limit.
 */
abstract class ConsoleSearchTests extends IntegrationTest {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

  @Autowired Accounts accounts;
  @Autowired AccountOpening opening;
  @Autowired HostedServices services;
  @Autowired MockMvc mvc;

  private Nic person(String first, String last) {
    long n = SEQUENCE.incrementAndGet();
    Nic nic = new Nic("qz" + n + "-ovh");
    opening.open(
        new NewAccount(nic, "p" + n + "@search.test", first, last, null, Language.en, null),
        Actor.system());
    return nic;
  }

  private HostedService vps(String name, Nic owner) {
    return services.register(
        new NewService(
            ServiceType.vps,
            name,
            name,
            HostedService.Status.ok,
            null,
            Contacts.allTo(owner),
            null),
        Actor.system());
  }

  private static List<String> names(Iterable<HostedService> found) {
    List<String> names = new ArrayList<>();
    found.forEach(s -> names.add(s.name()));
    return names;
  }

  private List<Nic> people(String typed) {
    return accounts.search(typed, 51).stream().map(Account::nic).toList();
  }

  private MockHttpServletResponse page(String q) throws Exception {
    return mvc.perform(
            get("/operator/console")
                .param("q", q)
                .header("Accept-Language", "en")
                .with(user("vera").authorities(new SimpleGrantedAuthority("STAFF_VIEWER"))))
        .andReturn()
        .getResponse();
  }

  @Test
  void servicesAreFoundInAnyCaseWithAFinalDotOrByTheirBeginning() {
    Nic owner = fixtures.account();
    String stem = "vps-" + SEQUENCE.incrementAndGet();
    HostedService s = vps(stem + ".demo.net", owner);
    vps(stem + "0.demo.net", owner);

    assertThat(names(services.search(stem.toUpperCase() + ".Demo.NET", 50)))
        .first()
        .isEqualTo(s.name());
    assertThat(names(services.search(s.name() + ".", 50))).contains(s.name());
    assertThat(names(services.search(stem, 50))).contains(s.name(), stem + "0.demo.net");
    assertThat(names(services.search(stem.toUpperCase(), 50))).contains(s.name());
    assertThat(services.search("%", 50)).isEmpty();
  }

  @Test
  void servicesAreFoundByAnyPartOfTheirNameInAnyCaseWithAFinalDot() {
    Nic owner = fixtures.account();
    long n = SEQUENCE.incrementAndGet();
    HostedService s = vps("vps-" + n + ".demo" + n + ".net", owner);

    assertThat(names(services.search(n + ".demo" + n, 50))).containsExactly(s.name());
    assertThat(names(services.search(n + ".DEMO" + n, 50))).containsExactly(s.name());
    assertThat(names(services.search("demo" + n + ".net.", 50))).containsExactly(s.name());
    assertThat(names(services.search("  Demo" + n + ".Net  ", 50))).containsExactly(s.name());
  }

  @Test
  void percentAndUnderscoreMatchOnlyThemselves() {
    Nic owner = fixtures.account();
    long n = SEQUENCE.incrementAndGet();
    HostedService underscored = vps("lit" + n + "a_b.example", owner);
    vps("lit" + n + "axb.example", owner);

    assertThat(names(services.search(n + "a_b", 50))).containsExactly(underscored.name());
    assertThat(names(services.search(n + "a%b", 50))).isEmpty();
    assertThat(names(services.search("lit" + n + "%", 50))).isEmpty();
    assertThat(people("qz%")).isEmpty();
    assertThat(people("q_" + n)).isEmpty();
  }

  @Test
  void fewerThanThreeCharactersFindStartsOnlyAndThePageSaysSo() throws Exception {
    Nic owner = fixtures.account();
    long n = SEQUENCE.incrementAndGet();
    HostedService s = vps("vps" + n + "9q.example", owner);

    assertThat(names(services.search("9q", 50))).doesNotContain(s.name());
    assertThat(names(services.search(n + "9q", 50))).containsExactly(s.name());
    assertThat(page("9q").getContentAsString()).contains("id=\"starts-only\"");
    assertThat(page(n + "9q").getContentAsString()).doesNotContain("id=\"starts-only\"");
  }

  @Test
  void moreThanAPageSaysRefineWithoutACount() throws Exception {
    Nic owner = fixtures.account();
    String stem = "cap" + SEQUENCE.incrementAndGet();
    for (int i = 0; i < 51; i++) {
      vps("x" + i + "-" + stem + ".example", owner);
    }

    assertThat(services.search(stem, 51)).hasSize(51);
    String html = page(stem.toUpperCase()).getContentAsString();
    assertThat(html).contains("id=\"services-more\"", "More than 50 found");
    int more = html.indexOf("id=\"services-more\"");
    assertThat(html.substring(more, html.indexOf("</", more)))
        .as("the notice gives no count") // (the page's random tokens may well contain 51)
        .doesNotContain("51");
    assertThat(html.split("-" + stem + ".example</a>", -1)).hasSize(51); // 50 rows shown
  }

  @Test
  void peopleAreFoundByFirstLastOrFullNameInAnyCase() {
    String last = "Zorrino" + SEQUENCE.incrementAndGet();
    Nic nic = person("Bérénice", last);

    assertThat(people("bérénice")).contains(nic);
    assertThat(people(last.toUpperCase())).contains(nic);
    assertThat(people("Bérénice " + last.substring(0, 6))).contains(nic);
    assertThat(people("RÉNICE " + last)).containsExactly(nic);
    assertThat(people(last.substring(2))).containsExactly(nic);
    assertThat(people("nobody-" + last)).isEmpty();
  }

  @Test
  void peopleAreFoundByCustomerIdAnyPartOfItItsDigitsOrEmail() {
    Nic nic = person("Ada", "Search");
    String digits = nic.value().replaceAll("[^0-9]", "");

    assertThat(people(nic.value().toUpperCase())).contains(nic);
    assertThat(people(nic.value().substring(0, 6))).contains(nic);
    assertThat(people(digits)).contains(nic);
    assertThat(people(digits + "-OV")).containsExactly(nic);
    assertThat(people("P" + digits + "@SEARCH")).contains(nic);
    assertThat(people(digits.substring(1) + "@search.t")).containsExactly(nic);
  }

  @Test
  void anOverLongSearchIsRefusedByItsLimitAndAnEmptyOneSearchesNothing() throws Exception {
    String longer = "a".repeat(200);
    assertThat(services.search(longer, 50)).isEmpty();
    assertThat(people(longer)).isEmpty();
    MockHttpServletResponse refused = page(longer);
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getContentAsString())
        .contains("Search: type at most 100 characters.")
        .doesNotContain("id=\"services\"", "id=\"accounts\"");

    assertThat(services.search("", 50)).isEmpty();
    assertThat(people("   ")).isEmpty();
    MockHttpServletResponse empty = page("");
    assertThat(empty.getStatus()).isEqualTo(200);
    assertThat(empty.getContentAsString())
        .doesNotContain("id=\"services\"", "id=\"accounts\"", "starts-only", "Nothing found.");
  }
}
