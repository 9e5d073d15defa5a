package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * What staff type in the console's search finds what they mean, on each database a subclass points
 * it at: services by their name in any case, with a final dot, or by its beginning; people by
 * customer ID (whole, its beginning or its digits), email, first, last or full name, in any case.
 */
abstract class ConsoleSearchTests extends IntegrationTest {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

  @Autowired Accounts accounts;
  @Autowired AccountOpening opening;
  @Autowired HostedServices services;

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

  private static Iterable<String> names(Iterable<HostedService> found) {
    List<String> names = new ArrayList<>();
    found.forEach(s -> names.add(s.name()));
    return names;
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
  void peopleAreFoundByFirstLastOrFullNameInAnyCase() {
    String last = "Zorrino" + SEQUENCE.incrementAndGet();
    Nic nic = person("Bérénice", last);

    assertThat(accounts.search("bérénice", 50)).extracting(Account::nic).contains(nic);
    assertThat(accounts.search(last.toUpperCase(), 50)).extracting(Account::nic).contains(nic);
    assertThat(accounts.search("Bérénice " + last.substring(0, 6), 50))
        .extracting(Account::nic)
        .contains(nic);
    assertThat(accounts.search("nobody-" + last, 50)).isEmpty();
  }

  @Test
  void peopleAreFoundByCustomerIdPartOfItItsDigitsOrEmail() {
    Nic nic = person("Ada", "Search");
    String digits = nic.value().replaceAll("[^0-9]", "");

    assertThat(accounts.search(nic.value().toUpperCase(), 50))
        .extracting(Account::nic)
        .contains(nic);
    assertThat(accounts.search(nic.value().substring(0, 6), 50))
        .extracting(Account::nic)
        .contains(nic);
    assertThat(accounts.search(digits, 50)).extracting(Account::nic).contains(nic);
    assertThat(accounts.search("P" + digits + "@SEARCH", 50))
        .extracting(Account::nic)
        .contains(nic);
  }
}
