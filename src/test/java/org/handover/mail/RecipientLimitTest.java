package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import java.time.Duration;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every email someone else can cause is limited per recipient: creating and cancelling change sets
 * that name a customer, again and again, sends them at most the limit (20 a quarter hour by
 * default), while the asker's actions still happen; after the window, mail flows again.
 */
class RecipientLimitTest extends IntegrationTest {

  @Autowired ChangeUseCases changes;
  @Autowired Outbox outbox;

  private long mailsTo(String email, long after) {
    return outbox.after(after).stream().filter(m -> m.recipientEmail().equals(email)).count();
  }

  @Test
  void creatingAndCancellingChangeSetsNamingSomeoneSendsThemAtMostTheLimit() {
    Nic stranger = fixtures.account(Language.en);
    Nic victim = fixtures.account(Language.en);
    HostedService s = fixtures.serviceOwnedBy(stranger);
    String inbox = fixtures.email(victim);
    long before = outbox.lastId();

    for (int i = 0; i < 20; i++) {
      ChangeSet set =
          changes.request(as(stranger), s.type(), s.name(), wanted(tech, victim)).orElseThrow();
      changes.cancel(as(stranger), set.id());
    }

    assertThat(mailsTo(inbox, before)).isEqualTo(20);
    assertThat(
            fixtures.sql(
                "select count(*) from change_sets where asking_nic = ? and state = 'aborted'",
                stranger.value()))
        .isEqualTo(20);

    clock.advance(Duration.ofMinutes(16));
    long later = outbox.lastId();
    changes.request(as(stranger), s.type(), s.name(), wanted(tech, victim)).orElseThrow();
    assertThat(mailsTo(inbox, later)).isOne();
  }

  @Test
  void whatAnAskersOwnChangeSetsSendThemIsNeverHeldBack() {
    Nic asker = fixtures.account(Language.en);
    String inbox = fixtures.email(asker);
    long before = outbox.lastId();
    for (int i = 0; i < 25; i++) {
      HostedService s = fixtures.serviceOwnedBy(asker);
      changes
          .request(as(asker), s.type(), s.name(), wanted(tech, fixtures.account(Language.en)))
          .orElseThrow();
    }
    long perRequest = mailsTo(inbox, before) / 25;
    assertThat(perRequest).isPositive();
    assertThat(mailsTo(inbox, before)).isEqualTo(25 * perRequest);
  }

  @Test
  void aStrangersPasswordResetsAreLimitedPerRecipient(
      @Autowired org.handover.account.Accounts accounts) {
    Nic victim = fixtures.account(Language.en);
    long before = outbox.lastId();
    for (int i = 0; i < 30; i++) {
      accounts.requestPasswordReset(
          victim.value(), org.handover.system.Actor.visitor("203.0.113.5"));
    }
    assertThat(mailsTo(fixtures.email(victim), before)).isEqualTo(20);
  }
}
