package org.handover.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.account.AccountOpening;
import org.handover.account.Accounts;
import org.handover.account.NewAccount;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the demo data set into an empty database when demo mode is on: eight accounts with the
 * password {@value #PASSWORD} (one in debt, one suspended, one for each language of the panel at
 * least) and 44 services with mixed contacts.
 */
@Component
@ConditionalOnProperty(name = "handover.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

  public static final String PASSWORD = "handover-demo";

  public static final Nic ALICE = new Nic("aa100001-ovh");
  public static final Nic BRUNO = new Nic("bb200002-ovh");
  public static final Nic CLAIRE = new Nic("cc300003-ovh");
  public static final Nic DAVE = new Nic("dd400004-ovh");
  public static final Nic EVA = new Nic("ee500005-ovh");
  public static final Nic FRANK = new Nic("ff600006-ovh");
  public static final Nic GRETA = new Nic("gg700007-ovh");
  public static final Nic LUCIA = new Nic("hh800008-ovh");

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final Accounts accounts;
  private final AccountOpening opening;
  private final AccountAdministration administration;
  private final HostedServices services;
  private final Clock clock;

  DemoData(
      Accounts accounts,
      AccountOpening opening,
      AccountAdministration administration,
      HostedServices services,
      Clock clock) {
    this.accounts = accounts;
    this.opening = opening;
    this.administration = administration;
    this.services = services;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (accounts.count() > 0) {
      return;
    }
    Actor system = Actor.system();
    account(ALICE, "alice@demo.handover.test", "Alice", "Martin", Language.en, system);
    account(BRUNO, "bruno@demo.handover.test", "Bruno", "Rossi", Language.it, system);
    account(CLAIRE, "claire@demo.handover.test", "Claire", "Dubois", Language.fr, system);
    account(DAVE, "dave@demo.handover.test", "Dave", "Miller", Language.en, system);
    account(EVA, "eva@demo.handover.test", "Eva", "Lindqvist", Language.en, system);
    account(FRANK, "frank@demo.handover.test", "Frank", "Moreau", Language.fr, system);
    account(GRETA, "greta@demo.handover.test", "Greta", "Schneider", Language.de, system);
    account(LUCIA, "lucia@demo.handover.test", "Lucía", "Navarro", Language.es, system);
    administration.setDebt(DAVE, 12_500, "EUR", system);
    administration.setState(EVA, Account.State.suspended, system);

    List<Contacts> patterns =
        List.of(
            Contacts.allTo(ALICE), // Alice holds every role
            new Contacts(ALICE, BRUNO, ALICE), // Bruno is only tech
            new Contacts(ALICE, ALICE, CLAIRE), // Claire is only billing
            new Contacts(ALICE, BRUNO, CLAIRE), // three different contacts
            new Contacts(BRUNO, BRUNO, BRUNO), // Bruno's own services
            new Contacts(ALICE, ALICE, DAVE), // billing held by an account in debt
            new Contacts(FRANK, ALICE, FRANK), // Alice is only tech
            new Contacts(CLAIRE, CLAIRE, ALICE)); // Alice is only billing
    List<Contacts> germanAndSpanish =
        List.of(
            new Contacts(ALICE, GRETA, LUCIA), // Greta tech, Lucía billing
            new Contacts(GRETA, GRETA, GRETA), // Greta's own
            new Contacts(LUCIA, LUCIA, LUCIA), // Lucía's own
            new Contacts(LUCIA, ALICE, GRETA)); // Lucía admin, Alice tech, Greta billing
    ServiceType[] types = ServiceType.values();
    for (int i = 0; i < 44; i++) {
      ServiceType type = types[i % types.length];
      Contacts contacts = i < 40 ? patterns.get(i % patterns.size()) : germanAndSpanish.get(i - 40);
      String name = name(type, i);
      DomainOwner owner =
          type == ServiceType.domain
              ? DomainOwner.of(
                  "Owner of " + name, null, "owner@" + name, "1 Demo Street, Roubaix", null)
              : null;
      services.register(
          new NewService(
              type,
              name,
              name,
              HostedService.Status.ok,
              clock.instant().plus(Duration.ofDays(30L + 11L * i)),
              contacts,
              owner),
          system);
    }
    log.info("Demo data loaded: 8 accounts (password '{}'), 44 services", PASSWORD);
  }

  /** How to sign in, printed once the application is ready (also when the data was there). */
  @EventListener(ApplicationReadyEvent.class)
  void signInHint() {
    log.info(
        "Demo mode: sign in as {} (alice@demo.handover.test) or another demo account with the"
            + " password '{}'",
        ALICE,
        PASSWORD);
  }

  private void account(
      Nic nic, String email, String first, String last, Language language, Actor actor) {
    opening.open(new NewAccount(nic, email, first, last, null, language, PASSWORD), actor);
  }

  private static String name(ServiceType type, int i) {
    String n = String.format("%02d", i);
    return switch (type) {
      case domain -> "demo-shop-" + n + ".com";
      case hosting -> "web" + n + ".demo-hosting.net";
      case vps -> "vps-" + n + ".demo.net";
      case dedicated -> "ns" + n + ".demo-servers.net";
      case email -> "mail-" + n + ".demo.org";
      case zone -> "zone-" + n + ".demo.eu";
      case database -> "db" + n + ".demo-sql.net";
      case cloud -> "project-" + n;
    };
  }
}
