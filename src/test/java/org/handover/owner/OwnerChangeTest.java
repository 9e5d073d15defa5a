package org.handover.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.handover.catalog.DomainOwner;
import org.handover.owner.OwnerChange.Outcome;
import org.handover.owner.OwnerChange.PartyAnswer;
import org.handover.owner.OwnerErrors.OwnerChangeEnded;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;

/** The owner change state machine without Spring: codes, answers, ends. */
class OwnerChangeTest {

  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final Instant EXPIRY = NOW.plus(Duration.ofDays(14));
  private static final DomainOwner OLD = DomainOwner.of("Old", null, "old@example.org", "1", null);
  private static final DomainOwner NEW = DomainOwner.of("New", null, "new@example.org", "2", null);

  private final ConfirmationCode currentCode = ConfirmationCode.generate();
  private final ConfirmationCode newCode = ConfirmationCode.generate();

  private OwnerChange change(DomainOwner after) {
    List<OwnerChange.Party> parties = new ArrayList<>();
    parties.add(party(Registrant.current, OLD.email(), currentCode));
    if (!OLD.sameEmail(after)) {
      parties.add(party(Registrant.incoming, after.email(), newCode));
    }
    return new OwnerChange(
        7,
        1,
        "example.com",
        new Nic("ab1234-ovh"),
        OLD,
        after,
        OwnerChangeState.open,
        NOW,
        EXPIRY,
        null,
        null,
        parties);
  }

  private static OwnerChange.Party party(Registrant r, String email, ConfirmationCode code) {
    return new OwnerChange.Party(r, email, code.digest(), 0, PartyAnswer.pending, null, null);
  }

  @Test
  void aNewEmailNeedsBothRegistrantsTheSameEmailOne() {
    assertThat(OwnerChange.partiesFor(OLD, NEW))
        .containsExactly(Registrant.current, Registrant.incoming);
    assertThat(
            OwnerChange.partiesFor(
                OLD, DomainOwner.of("Renamed", null, "OLD@example.org", "1", null)))
        .containsExactly(Registrant.current);
  }

  @Test
  void bothAcceptThenItIsApplied() {
    OwnerChange c = change(NEW);
    assertThat(c.answer(Registrant.current, currentCode.text(), true, null, NOW, 5))
        .isEqualTo(Outcome.WAITING);
    assertThatThrownBy(() -> c.applied(NOW)).isInstanceOf(OwnerChangeEnded.class);
    assertThat(c.answer(Registrant.incoming, newCode.text(), true, null, NOW, 5))
        .isEqualTo(Outcome.ALL_ACCEPTED);
    c.applied(NOW);
    assertThat(c.state()).isEqualTo(OwnerChangeState.applied);
    assertThat(c.parties()).allSatisfy(p -> assertThat(p.codeDigest()).isNull());
  }

  @Test
  void oneCodeDoesNotWorkForTheOtherRegistrant() {
    OwnerChange c = change(NEW);
    assertThat(c.answer(Registrant.incoming, currentCode.text(), true, null, NOW, 5))
        .isEqualTo(Outcome.WRONG_CODE);
  }

  @Test
  void aRefusalEndsIt() {
    OwnerChange c = change(NEW);
    assertThat(c.answer(Registrant.incoming, newCode.text(), false, "no", NOW, 5))
        .isEqualTo(Outcome.REFUSED);
    assertThat(c.state()).isEqualTo(OwnerChangeState.refused);
    assertThat(c.endReason()).isEqualTo("no");
    assertThatThrownBy(() -> c.answer(Registrant.current, currentCode.text(), true, null, NOW, 5))
        .isInstanceOf(OwnerChangeEnded.class);
  }

  @Test
  void wrongCodesVoidTheCodeAndAUsedCodeIsWrong() {
    OwnerChange c = change(NEW);
    for (int i = 0; i < 3; i++) {
      assertThat(c.answer(Registrant.current, "WRONG", true, null, NOW, 3))
          .isEqualTo(Outcome.WRONG_CODE);
    }
    assertThat(c.answer(Registrant.current, currentCode.text(), true, null, NOW, 3))
        .isEqualTo(Outcome.WRONG_CODE);
    assertThat(c.answer(Registrant.incoming, newCode.text(), true, null, NOW, 3))
        .isEqualTo(Outcome.WAITING);
    assertThat(c.answer(Registrant.incoming, newCode.text(), true, null, NOW, 3))
        .isEqualTo(Outcome.WRONG_CODE);
  }

  @Test
  void itExpiresOnlyAtItsDeadlineAndCannotBeAnsweredAfter() {
    OwnerChange c = change(NEW);
    assertThatThrownBy(() -> c.expire(EXPIRY.minusSeconds(1))).isInstanceOf(OwnerChangeEnded.class);
    assertThatThrownBy(
            () -> c.answer(Registrant.current, currentCode.text(), true, null, EXPIRY, 5))
        .isInstanceOf(OwnerChangeEnded.class);
    c.expire(EXPIRY);
    assertThat(c.state()).isEqualTo(OwnerChangeState.expired);
    assertThatThrownBy(() -> c.cancel(null, EXPIRY)).isInstanceOf(OwnerChangeEnded.class);
  }

  @Test
  void aCancelledChangeCannotBeCancelledAgain() {
    OwnerChange c = change(NEW);
    c.cancel("court order", NOW);
    assertThat(c.state()).isEqualTo(OwnerChangeState.cancelled);
    assertThat(c.endReason()).isEqualTo("court order");
    assertThatThrownBy(() -> c.cancel(null, NOW)).isInstanceOf(OwnerChangeEnded.class);
  }
}
