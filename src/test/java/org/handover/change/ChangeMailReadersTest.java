package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import java.util.ArrayList;
import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.catalog.ServiceKey;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.mail.OutboxMessage;
import org.handover.mail.RenderedMail;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every email of a change set is true for the person reading it: the asker is told what they asked,
 * the new contact that they become it, the contact being replaced that their role changes, and a
 * contact whose role does not change that theirs stays and they have nothing to do; in a bulk
 * handover each person reads of their own services only.
 */
class ChangeMailReadersTest extends IntegrationTest {

  @Autowired ChangeUseCases changes;
  @Autowired MailTemplates templates;

  private RenderedMail mailTo(long setId, Nic nic, MailKind kind) {
    List<OutboxMessage> found = new ArrayList<>();
    for (OutboxMessage m : fixtures.mails(setId)) {
      if (m.kind() == kind && nic.value().equals(m.recipientNic())) {
        found.add(m);
      }
    }
    assertThat(found).as(kind + " to " + nic).hasSize(1);
    return templates.render(found.get(0));
  }

  private static String all(RenderedMail mail) {
    return mail.subject() + "\n" + mail.text();
  }

  @Test
  void eachContactOfASingleChangeReadsTheirOwnPart() {
    Nic alice = fixtures.account();
    Nic dan = fixtures.account();
    Nic claire = fixtures.account();
    Nic bruno = fixtures.account();
    HostedService vps = fixtures.service(alice, dan, claire);

    ChangeSet set =
        changes.request(as(alice), vps.type(), vps.name(), wanted(tech, bruno)).orElseThrow();

    String asker = all(mailTo(set.id(), alice, MailKind.CHANGE_CODE));
    assertThat(asker).contains("You asked").contains(bruno.value()).contains("technical");
    assertThat(asker).doesNotContain(alice.value() + " asked");

    String newcomer = all(mailTo(set.id(), bruno, MailKind.CHANGE_CODE));
    assertThat(newcomer).contains("make you the technical contact").contains(vps.name());

    String replaced = all(mailTo(set.id(), dan, MailKind.CHANGE_NOTICE));
    assertThat(replaced).contains("your technical role").contains("in place of you");

    String billing = all(mailTo(set.id(), claire, MailKind.CHANGE_NOTICE));
    assertThat(billing)
        .doesNotContain("your technical role")
        .doesNotContain("a role you hold")
        .contains("You stay the billing contact")
        .contains("nothing to do");
  }

  @Test
  void inABulkHandoverEachReplacedContactReadsOfTheirOwnServicesOnly() {
    Nic alice = fixtures.account();
    Nic bruno = fixtures.account();
    Nic eve = fixtures.account();
    List<ServiceKey> keys = new ArrayList<>();
    List<HostedService> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      HostedService s = fixtures.service(alice, i == 3 ? bruno : alice, alice);
      all.add(s);
      keys.add(new ServiceKey(s.type(), s.name()));
    }
    HostedService brunos = all.get(3);

    ChangeSet set = changes.requestSet(as(alice), keys, wanted(tech, eve), false);

    String notice = all(mailTo(set.id(), bruno, MailKind.CHANGE_NOTICE));
    assertThat(notice).contains(brunos.name()).contains("your technical role");
    assertThat(notice).doesNotContain("other service");
    for (HostedService s : all) {
      if (s != brunos) {
        assertThat(notice).doesNotContain(s.name());
      }
    }
    String asker = all(mailTo(set.id(), alice, MailKind.CHANGE_CODE));
    assertThat(asker).contains("6 other services");

    changes.cancel(as(alice), set.id());
    String cancelled = all(mailTo(set.id(), bruno, MailKind.CHANGE_ABORTED));
    assertThat(cancelled).contains(brunos.name()).doesNotContain("other service");
  }

  @Test
  void theNewContactIsToldTheyAreAwaitedAfterTheAskerAccepts() {
    Nic alice = fixtures.account();
    Nic claire = fixtures.account();
    Nic bruno = fixtures.account();
    HostedService vps = fixtures.service(alice, alice, claire);
    ChangeSet set =
        changes.request(as(alice), vps.type(), vps.name(), wanted(tech, bruno)).orElseThrow();

    changes.accept(as(alice), set.id(), fixtures.codeFor(set.id(), alice));

    String awaited = all(mailTo(set.id(), bruno, MailKind.CHANGE_PARTY_ACCEPTED));
    assertThat(awaited).contains("makes you the technical contact").contains("your answer");
    changes.accept(as(bruno), set.id(), fixtures.codeFor(set.id(), bruno));
    String done = all(mailTo(set.id(), claire, MailKind.CHANGE_DONE));
    assertThat(done).contains("You stay the billing contact");
    String doneNew = all(mailTo(set.id(), bruno, MailKind.CHANGE_DONE));
    assertThat(doneNew).contains("You are now the technical contact");
  }
}
