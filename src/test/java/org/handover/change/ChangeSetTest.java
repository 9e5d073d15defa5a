package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.CodeReplaced;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.IllegalTransition;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.NotAllowedToCancel;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.ContactRole;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The change-set state machine: every legal move, and every illegal one refused by name. */
class ChangeSetTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration EXPIRY = Duration.ofDays(14);
  private static final Instant DEADLINE = NOW.plus(EXPIRY);
  private static final Instant FIRST_REMINDER = DEADLINE.minus(Duration.ofDays(7));
  private static final int MAX_FAILURES = 5;
  private static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
  private static final int DAILY_LIMIT = 10;

  private static final Nic ASKER = new Nic("ad100001-ovh");
  private static final Nic FROM = new Nic("te100002-ovh");
  private static final Nic TO = new Nic("ne100003-ovh");
  private static final Nic STRANGER = new Nic("st100004-ovh");

  private final ConfirmationCode askerCode = ConfirmationCode.generate();
  private final ConfirmationCode toCode = ConfirmationCode.generate();

  // ---- legal moves -------------------------------------------------------------------------

  @Test
  void startsInTodoExpiringFourteenDaysLater() {
    ChangeSet change = requested();

    assertThat(change.state()).isEqualTo(ChangeState.todo);
    assertThat(change.requestedAt()).isEqualTo(NOW);
    assertThat(change.expiresAt()).isEqualTo(DEADLINE);
    assertThat(change.pendingParties()).containsExactly(ASKER, TO);
    assertThat(change.members()).containsExactly(ASKER, TO, FROM);
    assertThat(transitions(change)).isEmpty();
  }

  @Test
  void awaitsCustomersOnceEmailsAreQueued() {
    ChangeSet change = requested();

    change.awaitCustomers(FIRST_REMINDER);

    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(change.nextReminderAt()).isEqualTo(FIRST_REMINDER);
    assertThat(transitions(change))
        .containsExactly(new Transition(ChangeState.todo, ChangeState.validatingByCustomers, null));
  }

  @Test
  void firstAcceptanceKeepsWaitingForTheOtherParty() {
    ChangeSet change = awaiting();

    boolean everyone = change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);

    assertThat(everyone).isFalse();
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(change.party(ASKER).orElseThrow().status()).isEqualTo(PartyStatus.accepted);
    assertThat(change.party(ASKER).orElseThrow().answeredAt()).isEqualTo(NOW);
    assertThat(change.party(ASKER).orElseThrow().codeUsedAt()).isEqualTo(NOW);
    assertThat(change.pendingParties()).containsExactly(TO);
    assertThat(transitions(change)).isEmpty();
  }

  @Test
  void lastAcceptanceMovesToCheckValidity() {
    ChangeSet change = awaiting();
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);

    boolean everyone = change.accept(TO, toCode.text(), NOW.plusSeconds(60), MAX_FAILURES);

    assertThat(everyone).isTrue();
    assertThat(change.state()).isEqualTo(ChangeState.checkValidity);
    assertThat(change.pendingParties()).isEmpty();
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.validatingByCustomers, ChangeState.checkValidity, null));
  }

  @Test
  void singlePartyAcceptanceMovesToCheckValidity() {
    ChangeSet change = awaitingAskerOnly();

    assertThat(change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES)).isTrue();
    assertThat(change.state()).isEqualTo(ChangeState.checkValidity);
  }

  @Test
  void appliesThroughDoingToDoneRecordingEveryStepInOrder() {
    ChangeSet change = awaiting();
    Instant later = NOW.plus(Duration.ofHours(2));
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);
    change.accept(TO, toCode.text(), later, MAX_FAILURES);

    change.startApplying();
    assertThat(change.state()).isEqualTo(ChangeState.doing);
    change.markDone(later);

    assertThat(change.state()).isEqualTo(ChangeState.done);
    assertThat(change.doneAt()).isEqualTo(later);
    assertThat(change.reason()).isNull();
    assertThat(change.nextReminderAt()).isNull();
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.validatingByCustomers, ChangeState.checkValidity, null),
            new Transition(ChangeState.checkValidity, ChangeState.doing, null),
            new Transition(ChangeState.doing, ChangeState.done, null));
  }

  @Test
  void drainingForgetsTheTransitionsAlreadyReturned() {
    ChangeSet change = requested();
    change.awaitCustomers(FIRST_REMINDER);

    assertThat(transitions(change)).hasSize(1);
    assertThat(transitions(change)).isEmpty();
  }

  @Test
  void failedRecheckEndsRefusedWithItsReason() {
    ChangeSet change = checkingValidity();
    Reason why = Reason.of("policy.roleIsStillHeld", FROM.value(), "role:tech", "example.com");
    Instant later = NOW.plusSeconds(5);

    change.failCheck(why, later);

    assertThat(change.state()).isEqualTo(ChangeState.refused);
    assertThat(change.reason()).isEqualTo(why);
    assertThat(change.doneAt()).isEqualTo(later);
    assertThat(transitions(change))
        .containsExactly(new Transition(ChangeState.checkValidity, ChangeState.refused, why));
  }

  @Test
  void refusalByAPartyEndsRefusedNamingTheRefuser() {
    ChangeSet change = awaiting();
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);
    Instant later = NOW.plusSeconds(30);

    change.refuse(TO, toCode.text(), later, MAX_FAILURES, null);

    Reason why = Reason.of("reason.refusedBy", TO.value());
    assertThat(change.state()).isEqualTo(ChangeState.refused);
    assertThat(change.reason()).isEqualTo(why);
    assertThat(change.doneAt()).isEqualTo(later);
    assertThat(change.nextReminderAt()).isNull();
    assertThat(change.party(TO).orElseThrow().status()).isEqualTo(PartyStatus.refused);
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.validatingByCustomers, ChangeState.refused, why));
  }

  @Test
  void expiresAtTheDeadlineNamingThePartiesStillAwaited() {
    ChangeSet change = awaiting();
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);

    change.expire(DEADLINE);

    Reason why = Reason.of("reason.expired", TO.value());
    assertThat(change.state()).isEqualTo(ChangeState.expired);
    assertThat(change.reason()).isEqualTo(why);
    assertThat(change.doneAt()).isEqualTo(DEADLINE);
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.validatingByCustomers, ChangeState.expired, why));
  }

  @Test
  void askerCancelsTheirOwnRequest() {
    ChangeSet change = awaiting();

    change.cancel(ASKER, NOW.plusSeconds(10));

    Reason why = Reason.of("reason.cancelledBy", ASKER.value());
    assertThat(change.state()).isEqualTo(ChangeState.aborted);
    assertThat(change.reason()).isEqualTo(why);
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.validatingByCustomers, ChangeState.aborted, why));
  }

  @Test
  void operatorAbortsAnOpenRequest() {
    ChangeSet change = awaiting();

    change.abort("fraud suspected", NOW.plusSeconds(10));

    Reason why = Reason.of("reason.abortedByOperator", "fraud suspected");
    assertThat(change.state()).isEqualTo(ChangeState.aborted);
    assertThat(change.reason()).isEqualTo(why);
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.validatingByCustomers, ChangeState.aborted, why));
  }

  @Test
  void unexpectedFailureEndsInErrorWithItsReason() {
    ChangeSet change = checkingValidity();
    change.startApplying();
    Reason why = Reason.of("reason.applyFailed");

    change.fail(why, NOW.plusSeconds(1));

    assertThat(change.state()).isEqualTo(ChangeState.error);
    assertThat(change.reason()).isEqualTo(why);
    assertThat(transitions(change))
        .containsExactly(
            new Transition(ChangeState.checkValidity, ChangeState.doing, null),
            new Transition(ChangeState.doing, ChangeState.error, why));
  }

  // ---- illegal moves -----------------------------------------------------------------------

  @Test
  void rejectsAcceptingADoneRequest() {
    ChangeSet change = done();

    assertThatThrownBy(() -> change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(ChangeClosed.class);
    assertThat(change.state()).isEqualTo(ChangeState.done);
  }

  @Test
  void rejectsAnswersBeforeTheCustomersAreAwaited() {
    ChangeSet change = requested();

    assertThatThrownBy(() -> change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(ChangeClosed.class);
    assertThat(change.state()).isEqualTo(ChangeState.todo);
  }

  @Test
  void rejectsAnswersToARefusedRequest() {
    ChangeSet change = awaiting();
    change.refuse(TO, toCode.text(), NOW, MAX_FAILURES, null);

    assertThatThrownBy(() -> change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(ChangeClosed.class);
    assertThatThrownBy(() -> change.refuse(ASKER, askerCode.text(), NOW, MAX_FAILURES, null))
        .isInstanceOf(ChangeClosed.class);
  }

  @Test
  void rejectsAcceptingOnceTheDeadlineHasPassed() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.accept(ASKER, askerCode.text(), DEADLINE, MAX_FAILURES))
        .isInstanceOf(ChangeClosed.class);
    assertThat(change.party(ASKER).orElseThrow().status()).isEqualTo(PartyStatus.pending);
  }

  @Test
  void acceptsJustBeforeTheDeadline() {
    ChangeSet change = awaiting();

    assertThatCode(
            () -> change.accept(ASKER, askerCode.text(), DEADLINE.minusMillis(1), MAX_FAILURES))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsExpiringBeforeTheDeadline() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.expire(DEADLINE.minusSeconds(1)))
        .isInstanceOf(IllegalTransition.class);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(transitions(change)).isEmpty();
  }

  @Test
  void rejectsExpiringARequestNoLongerAwaitingAnswers() {
    ChangeSet change = checkingValidity();

    assertThatThrownBy(() -> change.expire(DEADLINE.plusSeconds(1)))
        .isInstanceOf(IllegalTransition.class);
    assertThat(change.state()).isEqualTo(ChangeState.checkValidity);
  }

  @Test
  void rejectsCancelByAnyoneButTheAsker() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.cancel(TO, NOW)).isInstanceOf(NotAllowedToCancel.class);
    assertThatThrownBy(() -> change.cancel(FROM, NOW)).isInstanceOf(NotAllowedToCancel.class);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void rejectsCancellingAnEndedRequest() {
    ChangeSet change = done();

    assertThatThrownBy(() -> change.cancel(ASKER, NOW)).isInstanceOf(ChangeClosed.class);
  }

  @Test
  void rejectsOperatorAbortOfAnEndedRequest() {
    ChangeSet change = done();

    assertThatThrownBy(() -> change.abort("too late", NOW)).isInstanceOf(ChangeClosed.class);
    assertThat(change.state()).isEqualTo(ChangeState.done);
  }

  @Test
  void rejectsFailingAnEndedRequest() {
    ChangeSet change = done();

    assertThatThrownBy(() -> change.fail(Reason.of("reason.unexpected", "X"), NOW))
        .isInstanceOf(IllegalTransition.class);
    assertThat(change.state()).isEqualTo(ChangeState.done);
  }

  @Test
  void rejectsFailedCheckOutsideCheckValidity() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.failCheck(Reason.of("policy.roleIsStillHeld"), NOW))
        .isInstanceOf(IllegalTransition.class);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void rejectsSkippingStates() {
    ChangeSet awaiting = awaiting();
    assertThatThrownBy(awaiting::startApplying).isInstanceOf(IllegalTransition.class);
    assertThatThrownBy(() -> awaiting.markDone(NOW)).isInstanceOf(IllegalTransition.class);
    assertThatThrownBy(() -> awaiting.awaitCustomers(FIRST_REMINDER))
        .isInstanceOf(IllegalTransition.class);

    ChangeSet checking = checkingValidity();
    assertThatThrownBy(() -> checking.markDone(NOW)).isInstanceOf(IllegalTransition.class);
    assertThat(checking.state()).isEqualTo(ChangeState.checkValidity);
  }

  // ---- parties and codes -------------------------------------------------------------------

  @Test
  void rejectsAnAnswerFromSomeoneWhoIsNotAParty() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.accept(FROM, askerCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(NotAParty.class);
    assertThatThrownBy(() -> change.refuse(STRANGER, toCode.text(), NOW, MAX_FAILURES, null))
        .isInstanceOf(NotAParty.class);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(change.pendingParties()).containsExactly(ASKER, TO);
  }

  @Test
  void rejectsASecondAnswerFromTheSameParty() {
    ChangeSet change = awaiting();
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);

    assertThatThrownBy(() -> change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(AlreadyAnswered.class);
    assertThatThrownBy(() -> change.refuse(ASKER, askerCode.text(), NOW, MAX_FAILURES, null))
        .isInstanceOf(AlreadyAnswered.class);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void rejectsAWrongCodeAndCountsTheFailureOnTheParty() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.accept(TO, "0000-0000-0000", NOW, MAX_FAILURES))
        .isInstanceOf(WrongCode.class);

    Party to = change.party(TO).orElseThrow();
    assertThat(to.failedAttempts()).isEqualTo(1);
    assertThat(to.status()).isEqualTo(PartyStatus.pending);
    assertThat(change.party(ASKER).orElseThrow().failedAttempts()).isZero();
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void aWrongCodeSaysHowManyTriesAreLeftAndTheLastOneSaysTheCodeIsVoid() {
    ChangeSet change = awaiting();
    failTimes(change, TO, MAX_FAILURES - 2);

    assertThatThrownBy(() -> change.accept(TO, "0000-0000-0000", NOW, MAX_FAILURES))
        .isInstanceOf(WrongCode.class)
        .hasMessageContaining("Tries left before the token stops working: 1.");
    assertThatThrownBy(() -> change.refuse(TO, "0000-0000-0000", NOW, MAX_FAILURES, null))
        .isInstanceOf(WrongCode.class)
        .hasMessageContaining("that was the last try")
        .hasMessageContaining("Email me a new token");
    assertThatThrownBy(() -> change.accept(TO, toCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(CodeVoid.class)
        .hasMessageContaining("typed wrongly too many times")
        .hasMessageContaining("Email me a new token");
  }

  @Test
  void rejectsTheOtherPartysCode() {
    ChangeSet change = awaiting();

    assertThatThrownBy(() -> change.accept(ASKER, toCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(WrongCode.class);
    assertThatThrownBy(() -> change.refuse(TO, askerCode.text(), NOW, MAX_FAILURES, null))
        .isInstanceOf(WrongCode.class);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void acceptsTheRightCodeAfterFewerThanFiveFailures() {
    ChangeSet change = awaiting();
    failTimes(change, TO, MAX_FAILURES - 1);

    change.accept(TO, toCode.text(), NOW, MAX_FAILURES);

    assertThat(change.party(TO).orElseThrow().status()).isEqualTo(PartyStatus.accepted);
  }

  @Test
  void fiveFailuresVoidTheCodeEvenForTheRightCode() {
    ChangeSet change = awaiting();
    failTimes(change, TO, MAX_FAILURES);

    assertThatThrownBy(() -> change.accept(TO, toCode.text(), NOW, MAX_FAILURES))
        .isInstanceOf(CodeVoid.class);
    assertThatThrownBy(() -> change.refuse(TO, toCode.text(), NOW, MAX_FAILURES, null))
        .isInstanceOf(CodeVoid.class);
    assertThat(change.party(TO).orElseThrow().status()).isEqualTo(PartyStatus.pending);
    assertThat(change.party(TO).orElseThrow().failedAttempts()).isEqualTo(MAX_FAILURES);
    assertThat(change.state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void failuresOfOnePartyDoNotVoidTheOthersCode() {
    ChangeSet change = awaiting();
    failTimes(change, TO, MAX_FAILURES);

    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);

    assertThat(change.party(ASKER).orElseThrow().status()).isEqualTo(PartyStatus.accepted);
  }

  @Test
  void rotatedCodeWorksAndTheOldOneIsNamedAsReplaced() {
    ChangeSet change = awaiting();
    ConfirmationCode fresh = ConfirmationCode.generate();
    Instant later = NOW.plus(RESEND_INTERVAL);

    change.rotateCode(TO, fresh, later, RESEND_INTERVAL, DAILY_LIMIT);

    assertThat(change.party(TO).orElseThrow().codeIssuedAt()).isEqualTo(later);
    assertThatThrownBy(() -> change.accept(TO, toCode.text(), later, MAX_FAILURES))
        .isInstanceOf(CodeReplaced.class);
    assertThat(change.party(TO).orElseThrow().failedAttempts()).isZero();
    change.accept(TO, fresh.text(), later, MAX_FAILURES);
    assertThat(change.party(TO).orElseThrow().status()).isEqualTo(PartyStatus.accepted);
  }

  @Test
  void rotatedCodeLiftsTheVoidAfterTooManyFailures() {
    ChangeSet change = awaiting();
    failTimes(change, TO, MAX_FAILURES);
    ConfirmationCode fresh = ConfirmationCode.generate();
    Instant later = NOW.plus(RESEND_INTERVAL);

    change.rotateCode(TO, fresh, later, RESEND_INTERVAL, DAILY_LIMIT);

    assertThat(change.party(TO).orElseThrow().failedAttempts()).isZero();
    change.accept(TO, fresh.text(), later, MAX_FAILURES);
    assertThat(change.party(TO).orElseThrow().status()).isEqualTo(PartyStatus.accepted);
  }

  @Test
  void rejectsRotatingTheCodeTooSoon() {
    ChangeSet change = awaiting();
    String original = change.party(TO).orElseThrow().codeDigest();

    assertThatThrownBy(
            () ->
                change.rotateCode(
                    TO,
                    ConfirmationCode.generate(),
                    NOW.plus(RESEND_INTERVAL).minusSeconds(1),
                    RESEND_INTERVAL,
                    DAILY_LIMIT))
        .isInstanceOf(ResendTooSoon.class);
    assertThat(change.party(TO).orElseThrow().codeDigest()).isEqualTo(original);
  }

  @Test
  void rejectsMoreRotationsThanTheDailyLimit() {
    ChangeSet change = awaiting();
    Instant at = NOW;
    for (int i = 0; i < DAILY_LIMIT; i++) {
      at = at.plus(RESEND_INTERVAL);
      change.rotateCode(TO, ConfirmationCode.generate(), at, RESEND_INTERVAL, DAILY_LIMIT);
    }
    Instant oneMore = at.plus(RESEND_INTERVAL);

    assertThatThrownBy(
            () ->
                change.rotateCode(
                    TO, ConfirmationCode.generate(), oneMore, RESEND_INTERVAL, DAILY_LIMIT))
        .isInstanceOf(ResendLimitReached.class);
    assertThat(change.party(TO).orElseThrow().resendsInWindow()).isEqualTo(DAILY_LIMIT);
  }

  @Test
  void allowsRotatingAgainADayAfterTheFirstResend() {
    ChangeSet change = awaiting();
    Instant first = NOW.plus(RESEND_INTERVAL);
    Instant at = NOW;
    for (int i = 0; i < DAILY_LIMIT; i++) {
      at = at.plus(RESEND_INTERVAL);
      change.rotateCode(TO, ConfirmationCode.generate(), at, RESEND_INTERVAL, DAILY_LIMIT);
    }
    ConfirmationCode fresh = ConfirmationCode.generate();
    Instant nextDay = first.plus(Duration.ofDays(1));

    change.rotateCode(TO, fresh, nextDay, RESEND_INTERVAL, DAILY_LIMIT);

    assertThat(change.party(TO).orElseThrow().resendsInWindow()).isEqualTo(1);
    change.accept(TO, fresh.text(), nextDay, MAX_FAILURES);
    assertThat(change.party(TO).orElseThrow().status()).isEqualTo(PartyStatus.accepted);
  }

  @Test
  void rejectsRotatingForAnsweredPartiesStrangersAndEndedRequests() {
    ChangeSet change = awaiting();
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);
    Instant later = NOW.plus(RESEND_INTERVAL);
    ConfirmationCode digest = ConfirmationCode.generate();

    assertThatThrownBy(() -> change.rotateCode(ASKER, digest, later, RESEND_INTERVAL, DAILY_LIMIT))
        .isInstanceOf(AlreadyAnswered.class);
    assertThatThrownBy(() -> change.rotateCode(FROM, digest, later, RESEND_INTERVAL, DAILY_LIMIT))
        .isInstanceOf(NotAParty.class);

    ChangeSet ended = done();
    assertThatThrownBy(() -> ended.rotateCode(TO, digest, later, RESEND_INTERVAL, DAILY_LIMIT))
        .isInstanceOf(ChangeClosed.class);
  }

  // ---- the transition table ----------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = ChangeState.class,
      names = {"done", "refused", "expired", "aborted", "error"})
  void neverLeavesAFinalState(ChangeState ended) {
    assertThat(ended.isFinal()).isTrue();
    assertThat(ended.isOpen()).isFalse();
    for (ChangeState next : ChangeState.values()) {
      assertThat(ended.canMoveTo(next)).as("%s -> %s", ended, next).isFalse();
    }
  }

  @Test
  void onlyTheEndsAreFinal() {
    Set<ChangeState> finals = EnumSet.noneOf(ChangeState.class);
    for (ChangeState state : ChangeState.values()) {
      if (state.isFinal()) {
        finals.add(state);
      }
    }

    assertThat(finals)
        .containsExactlyInAnyOrder(
            ChangeState.done,
            ChangeState.refused,
            ChangeState.expired,
            ChangeState.aborted,
            ChangeState.error);
  }

  @Test
  void followsTheReferenceLifecycle() {
    assertThat(ChangeState.todo.canMoveTo(ChangeState.validatingByCustomers)).isTrue();
    assertThat(ChangeState.validatingByCustomers.canMoveTo(ChangeState.checkValidity)).isTrue();
    assertThat(ChangeState.checkValidity.canMoveTo(ChangeState.doing)).isTrue();
    assertThat(ChangeState.doing.canMoveTo(ChangeState.done)).isTrue();
    assertThat(ChangeState.validatingByCustomers.canMoveTo(ChangeState.done)).isFalse();
    assertThat(ChangeState.doing.canMoveTo(ChangeState.refused)).isFalse();
    assertThat(ChangeState.checkValidity.canMoveTo(ChangeState.validatingByCustomers)).isFalse();
  }

  // ---- fixtures ----------------------------------------------------------------------------

  /** A state move, as the set records it. */
  record Transition(ChangeState from, ChangeState to, Reason reason) {}

  /** The moves recorded since the last call. */
  private static List<Transition> transitions(ChangeSet set) {
    return set.drainEvents().stream()
        .filter(SetEvent.Moved.class::isInstance)
        .map(SetEvent.Moved.class::cast)
        .map(m -> new Transition(m.from(), m.to(), m.reason()))
        .toList();
  }

  /** A set from the admin ({@code ASKER}) moving tech from {@code FROM} to {@code TO}. */
  private ChangeSet requested() {
    return requested(TO, Map.of(ASKER, askerCode, TO, toCode));
  }

  private ChangeSet requested(Nic to, Map<Nic, ConfirmationCode> codes) {
    ChangeItem item =
        new ChangeItem(
            1, 42, ServiceType.domain, "example.com", Set.of(ContactRole.tech), FROM, to);
    Map<Nic, ConfirmationCode> ordered = new LinkedHashMap<>();
    SetItems.partiesOf(ASKER, List.of(item)).forEach(nic -> ordered.put(nic, codes.get(nic)));
    ChangeSet change = ChangeSet.requested(ASKER, List.of(item), Map.of(), ordered, NOW, EXPIRY);
    change.assignId(7);
    return change;
  }

  private ChangeSet awaiting() {
    ChangeSet change = requested();
    change.awaitCustomers(FIRST_REMINDER);
    transitions(change);
    return change;
  }

  /** The admin assigns tech to itself: the only party. */
  private ChangeSet awaitingAskerOnly() {
    ChangeSet change = requested(ASKER, Map.of(ASKER, askerCode));
    change.awaitCustomers(FIRST_REMINDER);
    transitions(change);
    return change;
  }

  private ChangeSet checkingValidity() {
    ChangeSet change = awaiting();
    change.accept(ASKER, askerCode.text(), NOW, MAX_FAILURES);
    change.accept(TO, toCode.text(), NOW, MAX_FAILURES);
    transitions(change);
    return change;
  }

  private ChangeSet done() {
    ChangeSet change = checkingValidity();
    change.startApplying();
    change.markDone(NOW);
    transitions(change);
    return change;
  }

  private static void failTimes(ChangeSet change, Nic party, int times) {
    for (int i = 0; i < times; i++) {
      assertThatThrownBy(() -> change.accept(party, "WRONG-CODE", NOW, MAX_FAILURES))
          .isInstanceOf(WrongCode.class);
    }
  }
}
