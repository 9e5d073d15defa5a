package org.handover.change;

import static org.handover.support.Fixtures.as;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.NotTheAsker;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.contact.PolicyViolation;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.support.IntegrationTest;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.HandoverProperties.StandingCheck;
import org.handover.system.Nic;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Model-based random test of the contact-change workflow. Each run draws a small world (five
 * accounts, four services with mixed contacts) and then random steps by random accounts: requests,
 * answers with right, wrong and spent codes, resends, cancellations, debt changes, clock moves and
 * expiry runs. A small model says what DESIGN §1–§3 promise for each step (success, or which
 * refusals are allowed) and, after every step, the database must agree with it: contacts, states
 * that never go backwards, one open request per role, single-use codes and every email row.
 *
 * <p>Every build runs fresh seeds; a failure names its seed. {@code -Dmodel.seed=N} replays only
 * that seed, {@code -Dmodel.steps=N} changes the number of steps per seed and {@code
 * -Dmodel.verbose=true} prints every step.
 */
abstract class ContactChangeModelTests extends IntegrationTest {

  private static final String CODE_SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int ACCOUNTS = 5;
  private static final int SERVICES = 4;
  private static final int HISTORY = 30;
  private static final Map<MailKind, ChangeState> ENDINGS =
      Map.of(
          MailKind.CHANGE_DONE, ChangeState.done,
          MailKind.CHANGE_REFUSED, ChangeState.refused,
          MailKind.CHANGE_EXPIRED, ChangeState.expired,
          MailKind.CHANGE_ABORTED, ChangeState.aborted,
          MailKind.CHANGE_ERROR, ChangeState.error);
  private static final boolean VERBOSE = Boolean.getBoolean("model.verbose");

  @Autowired private ContactChanges changes;
  @Autowired private ChangeExpiry changeExpiry;
  @Autowired private Outbox outbox;
  @Autowired private AuditLog audit;
  @Autowired private JdbcClient jdbc;
  @Autowired private HandoverProperties properties;

  /** How many fresh seeds one build runs on this database. */
  abstract int runs();

  /** Steps per seed, unless {@code -Dmodel.steps} says otherwise. */
  int steps() {
    return 80;
  }

  @TestFactory
  Stream<DynamicTest> randomWorkflowsKeepEveryPromise() {
    int steps = Integer.getInteger("model.steps", steps());
    String replay = System.getProperty("model.seed", "").strip();
    List<Long> seeds =
        replay.isEmpty()
            ? ThreadLocalRandom.current().longs(runs(), 1, 1_000_000_000_000L).boxed().toList()
            : List.of(Long.parseLong(replay));
    return seeds.stream()
        .map(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed + ", " + steps + " steps",
                    () -> new Run(seed, steps).execute()));
  }

  // ---- the model -----------------------------------------------------------------------------

  /** What the model knows of one party of a request. */
  private static final class ModelParty {
    final Nic nic;
    String code;
    PartyStatus status = PartyStatus.pending;
    int failures;
    Instant codeIssuedAt;
    Instant resendWindowAt;
    int resendsInWindow;

    ModelParty(Nic nic, String code, Instant now) {
      this.nic = nic;
      this.code = code;
      this.codeIssuedAt = now;
    }
  }

  /** What the model knows of one request. */
  private static final class ModelChange {
    final long id;
    final long serviceId;
    final Set<ContactRole> roles;
    final Nic from;
    final Nic to;
    final Nic asker;
    final Instant expiresAt;
    Instant nextReminderAt;
    final List<ModelParty> parties = new ArrayList<>();
    ChangeState state = ChangeState.validatingByCustomers;
    final List<ChangeState> transitions = new ArrayList<>(List.of(state));
    Reason reason;
    Set<String> possibleRules = Set.of();

    ModelChange(long id, long serviceId, Plan plan, Nic asker, Instant expiresAt) {
      this.id = id;
      this.serviceId = serviceId;
      this.roles = plan.roles();
      this.from = plan.from();
      this.to = plan.to();
      this.asker = asker;
      this.expiresAt = expiresAt;
    }

    boolean isOpen() {
      return state.isOpen();
    }

    boolean isOverdue(Instant now) {
      return state == ChangeState.validatingByCustomers && !now.isBefore(expiresAt);
    }

    boolean involves(Nic nic) {
      return asker.equals(nic) || from.equals(nic) || to.equals(nic);
    }

    List<Nic> involved() {
      List<Nic> all = new ArrayList<>(parties.stream().map(p -> p.nic).toList());
      if (!all.contains(from)) {
        all.add(from);
      }
      return all;
    }

    ModelParty party(Nic nic) {
      return parties.stream().filter(p -> p.nic.equals(nic)).findFirst().orElse(null);
    }

    List<Nic> pendingParties() {
      return parties.stream().filter(p -> p.status == PartyStatus.pending).map(p -> p.nic).toList();
    }

    @Override
    public String toString() {
      return "#" + id + " " + ContactRole.encode(roles) + " " + from + "->" + to + " by " + asker;
    }
  }

  /** One request the rules allow: roles of one holder going to one account. */
  private record Plan(Nic from, Nic to, Set<ContactRole> roles) {}

  /** A code that once worked (or was replaced by a resend) for a party of a request. */
  private record SpentCode(long changeId, Nic nic, String code) {}

  private static int rank(ChangeState state) {
    return state.isFinal() ? 4 : state.ordinal();
  }

  // ---- one seeded run --------------------------------------------------------------------------

  private final class Run {

    private final long seed;
    private final int steps;
    private final Random rnd;
    private final HandoverProperties.Change settings = properties.change();

    private final List<Nic> accounts = new ArrayList<>();
    private final Set<Nic> inDebt = new HashSet<>();
    private Nic debtor;
    private final List<HostedService> world = new ArrayList<>();
    private final Map<Long, Contacts> contacts = new HashMap<>();
    private final Map<Long, ModelChange> model = new LinkedHashMap<>();
    private final Map<Long, ChangeState> lastSeen = new HashMap<>();
    private final Map<String, Long> lastMover = new HashMap<>();
    private final List<SpentCode> usedCodes = new ArrayList<>();
    private final List<SpentCode> replacedCodes = new ArrayList<>();
    private final List<String> expectedMail = new ArrayList<>();
    private final Deque<String> history = new ArrayDeque<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long lastMailId;
    private int step;

    Run(long seed, int steps) {
      this.seed = seed;
      this.steps = steps;
      this.rnd = new Random(seed);
    }

    void execute() {
      try {
        settleEarlierRequests();
        buildWorld();
        verify();
        for (step = 1; step <= steps; step++) {
          randomStep();
          verify();
        }
        note("end: the clock passes every deadline");
        clock.advance(settings.expiry().plusMinutes(1));
        runDueWork();
        verify();
        checkEveryRequestEnded();
        note("summary: " + summary());
      } catch (Throwable t) {
        throw new AssertionError(
            "Model run failed for seed "
                + seed
                + " at step "
                + step
                + " (replay with -Dmodel.seed="
                + seed
                + "): "
                + t.getMessage()
                + "\nLast steps:\n  "
                + String.join("\n  ", history),
            t);
      }
    }

    // ---- setup ---------------------------------------------------------------------------------

    /** Earlier runs and other tests share the database: end whatever they left open. */
    private void settleEarlierRequests() {
      Instant now = clock.instant();
      Instant latest =
          jdbc
              .sql(
                  "select max(expires_at) from contact_changes"
                      + " where state = 'validatingByCustomers'")
              .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
              .list()
              .stream()
              .filter(Objects::nonNull)
              .map(OffsetDateTime::toInstant)
              .filter(now::isBefore)
              .findFirst()
              .orElse(now);
      // Whole seconds from here on, so that stored times compare equal to the model's.
      clock.advance(Duration.between(now, latest.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS)));
      while (changeExpiry.runDueWork() > 0) {
        // each call handles one batch
      }
    }

    private void buildWorld() {
      for (int i = 0; i < ACCOUNTS; i++) {
        accounts.add(fixtures.account());
      }
      debtor = pick(accounts);
      if (rnd.nextBoolean()) {
        fixtures.putInDebt(debtor);
        inDebt.add(debtor);
      }
      for (int i = 0; i < SERVICES; i++) {
        // The debtor pays for one service, so that debt changes meet open billing requests.
        Contacts c =
            i == 0
                ? Contacts.allTo(pick(accounts))
                : new Contacts(pick(accounts), pick(accounts), i == 1 ? debtor : pick(accounts));
        HostedService s = fixtures.service(c);
        world.add(s);
        contacts.put(s.id(), c);
      }
      lastMailId = outbox.lastId();
      note(
          "world: accounts "
              + accounts
              + ", debtor "
              + debtor
              + (inDebt.isEmpty() ? "" : " (in debt)")
              + ", services "
              + world.stream().map(s -> s.id() + "=" + contacts.get(s.id())).toList());
    }

    // ---- steps ---------------------------------------------------------------------------------

    private void randomStep() {
      int roll = rnd.nextInt(100);
      if (model.isEmpty() || roll < 24) {
        request();
      } else if (roll < 44) {
        answerWithCurrentCode(true);
      } else if (roll < 50) {
        answerWithCurrentCode(false);
      } else if (roll < 57) {
        answerWithWrongCode();
      } else if (roll < 62) {
        answerWithSpentCode();
      } else if (roll < 69) {
        resend();
      } else if (roll < 74) {
        cancel();
      } else if (roll < 80) {
        toggleDebt();
      } else if (roll < 91) {
        moveClock();
      } else if (roll < 97) {
        runDueWork();
      } else {
        read();
      }
    }

    private void request() {
      HostedService service = pick(world);
      Contacts current = contacts.get(service.id());
      Nic asker = rnd.nextInt(10) < 8 ? current.holder(pick(roles())) : pick(accounts);
      Map<ContactRole, Nic> wanted = wantedBy(asker, current);
      note("request on service " + service.id() + " " + current + " by " + asker + ": " + wanted);
      Supplier<List<ContactChange>> call =
          () -> changes.request(as(asker), service.type(), service.name(), wanted);

      if (current.rolesOf(asker).isEmpty()) {
        refused("request by a non-contact", Set.of(ServiceNotFound.class), call);
        return;
      }
      Set<String> violations = violations(asker, current, wanted);
      if (!violations.isEmpty()) {
        HandoverException e = refused("request", Set.of(PolicyViolation.class), call);
        String rule = ((PolicyViolation) e).rule();
        check(
            violations.contains(rule),
            "request refused by rule " + rule + ", model: " + violations);
        return;
      }
      Set<Long> conflicts =
          openChanges()
              .filter(c -> c.serviceId == service.id())
              .filter(c -> c.roles.stream().anyMatch(wanted::containsKey))
              .map(c -> c.id)
              .collect(Collectors.toSet());
      if (!conflicts.isEmpty()) {
        HandoverException e = refused("request", Set.of(OpenRequestConflict.class), call);
        long named = ((OpenRequestConflict) e).openChangeId();
        check(conflicts.contains(named), "conflict names #" + named + ", open: " + conflicts);
        return;
      }
      List<Plan> plans = plan(current, wanted);
      List<ContactChange> created = succeed("request", call);
      check(
          created.size() == plans.size(),
          "request created " + created.size() + " requests, model plans " + plans);
      Instant now = clock.instant();
      for (ContactChange c : created) {
        Plan plan = new Plan(c.from(), c.to(), EnumSet.copyOf(c.roles()));
        check(plans.remove(plan), "unexpected request " + plan + ", planned " + plans);
        check(c.asker().equals(asker), "request #" + c.id() + " asked by " + c.asker());
        check(!model.containsKey(c.id()), "request id #" + c.id() + " reused");
        register(c.id(), service.id(), plan, asker, now);
      }
    }

    /** Mostly roles the asker may change, to accounts that do not hold them; sometimes anything. */
    private Map<ContactRole, Nic> wantedBy(Nic asker, Contacts current) {
      boolean sensible = rnd.nextInt(10) < 7;
      List<ContactRole> pool = new ArrayList<>(roles());
      if (sensible && !current.rolesOf(asker).contains(ContactRole.admin)) {
        pool.retainAll(current.rolesOf(asker));
      }
      if (pool.isEmpty()) {
        pool.addAll(roles());
      }
      Collections.shuffle(pool, rnd);
      int count = 1 + rnd.nextInt(pool.size());
      Nic common = rnd.nextBoolean() ? pick(accounts) : null;
      Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
      for (ContactRole role : pool.subList(0, count)) {
        Nic to = common != null ? common : pick(accounts);
        while (sensible && to.equals(current.holder(role))) {
          to = pick(accounts);
        }
        wanted.put(role, to);
      }
      return wanted;
    }

    private void register(long id, long serviceId, Plan plan, Nic asker, Instant now) {
      ModelChange c = new ModelChange(id, serviceId, plan, asker, now.plus(settings.expiry()));
      c.nextReminderAt = nextReminderAfter(c.expiresAt, now);
      List<Nic> parties = asker.equals(plan.to()) ? List.of(asker) : List.of(asker, plan.to());
      for (Nic nic : parties) {
        c.parties.add(new ModelParty(nic, fixtures.codeFor(id, nic), now));
        expectMail(id, MailKind.CHANGE_CODE, nic);
      }
      if (!parties.contains(plan.from())) {
        expectMail(id, MailKind.CHANGE_NOTICE, plan.from());
      }
      check(
          c.parties.stream().map(p -> p.code).distinct().count() == c.parties.size(),
          "parties of #" + id + " got the same code");
      model.put(id, c);
      note("  created " + c);
    }

    private void answerWithCurrentCode(boolean accepting) {
      ModelChange c = pickChange();
      Nic actor = pickActor(c);
      ModelParty party = c.party(actor);
      String code = party != null ? party.code : randomCode();
      answer(c, actor, code, accepting, party != null ? "its code" : "a made-up code");
    }

    /** Sometimes a burst of wrong codes, enough to void the party's code. */
    private void answerWithWrongCode() {
      ModelChange c = pickChange();
      Nic actor = pickActor(c);
      int tries = rnd.nextInt(4) == 0 ? settings.maxCodeFailures() + 1 : 1;
      for (int i = 0; i < tries; i++) {
        answer(c, actor, randomCode(), rnd.nextBoolean(), "a wrong code");
      }
    }

    /** No code works twice: a used or replaced code must be refused. */
    private void answerWithSpentCode() {
      List<SpentCode> pool =
          usedCodes.isEmpty() || (!replacedCodes.isEmpty() && rnd.nextBoolean())
              ? replacedCodes
              : usedCodes;
      if (pool.isEmpty()) {
        answerWithWrongCode();
        return;
      }
      SpentCode spent = pick(pool);
      boolean worked =
          answer(
              model.get(spent.changeId()),
              spent.nic(),
              spent.code(),
              rnd.nextBoolean(),
              pool == usedCodes ? "a used code" : "a replaced code");
      check(!worked, "a spent code worked again on #" + spent.changeId());
    }

    /** One answer; returns whether the model expected it to work (and it did). */
    private boolean answer(
        ModelChange c, Nic actor, String code, boolean accepting, String codeKind) {
      Instant now = clock.instant();
      String verb = accepting ? "accept" : "refuse";
      note(verb + " " + c + " [" + c.state + "] as " + actor + " with " + codeKind);
      Supplier<ContactChange> call =
          () ->
              accepting
                  ? changes.accept(as(actor), c.id, code)
                  : changes.refuse(as(actor), c.id, code);
      if (closedForcefully(c, actor, now, verb, call)) {
        return false;
      }
      Set<Class<? extends HandoverException>> reasons = new HashSet<>();
      ModelParty party = c.party(actor);
      if (!c.isOpen()) {
        reasons.add(ChangeClosed.class);
      }
      if (party == null) {
        reasons.add(NotAParty.class);
      } else {
        if (party.status != PartyStatus.pending) {
          reasons.add(AlreadyAnswered.class);
        }
        if (party.failures >= settings.maxCodeFailures()) {
          reasons.add(CodeVoid.class);
        }
      }
      if (!reasons.isEmpty()) {
        refused(verb, reasons, call);
        return false;
      }
      if (!sameCode(code, party.code)) {
        refused(verb, Set.of(WrongCode.class), call);
        party.failures++;
        return false;
      }
      ContactChange result = succeed(verb, call);
      party.status = accepting ? PartyStatus.accepted : PartyStatus.refused;
      usedCodes.add(new SpentCode(c.id, actor, code));
      if (!accepting) {
        end(c, ChangeState.refused, Reason.of("reason.refusedBy", actor.value()));
      } else if (c.pendingParties().isEmpty()) {
        applyOrRefuse(c);
      } else {
        for (Nic waiting : c.pendingParties()) {
          expectMail(c.id, MailKind.CHANGE_PARTY_ACCEPTED, waiting);
        }
      }
      check(
          result.state() == c.state,
          verb + " returned state " + result.state() + " not " + c.state);
      note("  -> " + c.state);
      return true;
    }

    /** The last acceptance: re-check every rule on current data, then move the roles. */
    private void applyOrRefuse(ModelChange c) {
      c.state = ChangeState.checkValidity;
      c.transitions.add(ChangeState.checkValidity);
      Contacts current = contacts.get(c.serviceId);
      Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
      c.roles.forEach(role -> wanted.put(role, c.to));
      Set<String> violations = new HashSet<>(violations(c.asker, current, wanted));
      for (ContactRole role : c.roles) {
        if (!current.holder(role).equals(c.from)) {
          violations.add("roleIsStillHeld");
        }
      }
      if (!violations.isEmpty()) {
        end(c, ChangeState.refused, null);
        c.possibleRules = violations;
        return;
      }
      c.state = ChangeState.doing;
      c.transitions.add(ChangeState.doing);
      contacts.put(c.serviceId, current.with(c.roles, c.to));
      c.roles.forEach(role -> lastMover.put(c.serviceId + "/" + role, c.id));
      end(c, ChangeState.done, null);
    }

    /** Sometimes a burst of resends a minute apart, enough to reach the daily limit. */
    private void resend() {
      ModelChange c = pickChange();
      Nic actor = pickActor(c);
      if (rnd.nextInt(4) > 0) {
        resend(c, actor);
        return;
      }
      for (int i = 0; i <= settings.resendDailyLimit(); i++) {
        resend(c, actor);
        note("clock +" + settings.resendInterval());
        clock.advance(settings.resendInterval());
      }
    }

    private void resend(ModelChange c, Nic actor) {
      Instant now = clock.instant();
      note("resend " + c + " [" + c.state + "] as " + actor);
      Supplier<Object> call =
          () -> {
            changes.resendCode(as(actor), c.id);
            return null;
          };
      if (closedForcefully(c, actor, now, "resend", call)) {
        return;
      }
      Set<Class<? extends HandoverException>> reasons = new HashSet<>();
      ModelParty party = c.party(actor);
      if (!c.isOpen()) {
        reasons.add(ChangeClosed.class);
      }
      boolean newWindow = true;
      int used = 0;
      if (party == null) {
        reasons.add(NotAParty.class);
      } else {
        if (party.status != PartyStatus.pending) {
          reasons.add(AlreadyAnswered.class);
        }
        if (now.isBefore(party.codeIssuedAt.plus(settings.resendInterval()))) {
          reasons.add(ResendTooSoon.class);
        }
        newWindow =
            party.resendWindowAt == null
                || !now.isBefore(party.resendWindowAt.plus(Duration.ofDays(1)));
        used = newWindow ? 0 : party.resendsInWindow;
        if (used >= settings.resendDailyLimit()) {
          reasons.add(ResendLimitReached.class);
        }
      }
      if (!reasons.isEmpty()) {
        refused("resend", reasons, call);
        return;
      }
      succeed("resend", call);
      String old = party.code;
      party.code = fixtures.codeFor(c.id, actor);
      check(!sameCode(old, party.code), "resend of #" + c.id + " sent the same code again");
      replacedCodes.add(new SpentCode(c.id, actor, old));
      party.failures = 0;
      party.codeIssuedAt = now;
      party.resendWindowAt = newWindow ? now : party.resendWindowAt;
      party.resendsInWindow = used + 1;
      expectMail(c.id, MailKind.CHANGE_CODE_RESENT, actor);
      note("  -> new code");
    }

    private void cancel() {
      ModelChange c = pickChange();
      int roll = rnd.nextInt(10);
      Nic actor =
          roll < 7 ? c.asker : roll < 9 ? (rnd.nextBoolean() ? c.to : c.from) : pick(accounts);
      Instant now = clock.instant();
      note("cancel " + c + " [" + c.state + "] as " + actor);
      Supplier<ContactChange> call = () -> changes.cancel(as(actor), c.id);
      if (closedForcefully(c, actor, now, "cancel", call)) {
        return;
      }
      Set<Class<? extends HandoverException>> reasons = new HashSet<>();
      if (!actor.equals(c.asker)) {
        reasons.add(NotTheAsker.class);
      }
      if (!c.isOpen()) {
        reasons.add(ChangeClosed.class);
      }
      if (!reasons.isEmpty()) {
        refused("cancel", reasons, call);
        return;
      }
      ContactChange result = succeed("cancel", call);
      end(c, ChangeState.aborted, Reason.of("reason.cancelledBy", actor.value()));
      check(result.state() == ChangeState.aborted, "cancel returned " + result.state());
      note("  -> aborted");
    }

    /**
     * What every call on one request does first: strangers learn nothing ({@link ChangeNotFound}),
     * and an involved account finds an overdue request expired.
     *
     * @return whether the call was refused here
     */
    private boolean closedForcefully(
        ModelChange c, Nic actor, Instant now, String what, Supplier<?> call) {
      if (!c.involves(actor)) {
        refused(what + " by a stranger", Set.of(ChangeNotFound.class), call);
        return true;
      }
      if (c.isOverdue(now)) {
        refused(what + " of an overdue request", Set.of(ChangeClosed.class), call);
        expire(c);
        note("  -> expired on the way");
        return true;
      }
      return false;
    }

    private void toggleDebt() {
      if (inDebt.remove(debtor)) {
        note("settle the debt of " + debtor);
        fixtures.settleDebt(debtor);
      } else {
        note("put " + debtor + " in debt");
        fixtures.putInDebt(debtor);
        inDebt.add(debtor);
      }
    }

    private void moveClock() {
      Instant now = clock.instant();
      int roll = rnd.nextInt(10);
      Duration by;
      if (roll < 3) {
        by = Duration.ofMinutes(1 + rnd.nextInt(59));
      } else if (roll < 5) {
        by = Duration.ofHours(1 + rnd.nextInt(23));
      } else if (roll < 7) {
        by = Duration.ofDays(1 + rnd.nextInt(8));
      } else {
        by = untilADeadline(now);
      }
      note("clock +" + by);
      clock.advance(by);
    }

    /** Exactly to (or one second before) the next expiry or reminder of an open request. */
    private Duration untilADeadline(Instant now) {
      List<Instant> deadlines = new ArrayList<>();
      openChanges()
          .forEach(
              c -> {
                deadlines.add(c.expiresAt);
                if (c.nextReminderAt != null) {
                  deadlines.add(c.nextReminderAt);
                }
              });
      deadlines.removeIf(d -> !d.isAfter(now.plusSeconds(1)));
      if (deadlines.isEmpty()) {
        return Duration.ofMinutes(1);
      }
      Instant target = pick(deadlines).minusSeconds(rnd.nextInt(3) == 0 ? 1 : 0);
      return Duration.between(now, target);
    }

    private void runDueWork() {
      Instant now = clock.instant();
      note("run due work at " + now);
      int expected = 0;
      for (ModelChange c : openChanges().toList()) {
        if (c.isOverdue(now)) {
          expire(c);
          expected++;
        }
      }
      for (ModelChange c : openChanges().toList()) {
        if (c.nextReminderAt != null && !c.nextReminderAt.isAfter(now)) {
          c.pendingParties().forEach(nic -> expectMail(c.id, MailKind.CHANGE_REMINDER, nic));
          c.nextReminderAt = nextReminderAfter(c.expiresAt, now);
          expected++;
        }
      }
      int handled = changeExpiry.runDueWork();
      check(handled == expected, "runDueWork handled " + handled + ", model expected " + expected);
      note("  -> handled " + handled);
    }

    private void read() {
      ModelChange c = pick(new ArrayList<>(model.values()));
      Nic viewer = pick(accounts);
      note("read " + c + " as " + viewer);
      Supplier<ContactChange> call = () -> changes.get(viewer, c.id);
      if (c.involves(viewer)) {
        check(succeed("read", call).id() == c.id, "read returned another request");
      } else {
        refused("read by a stranger", Set.of(ChangeNotFound.class), call);
      }
    }

    /** The reason names the parties that did not answer. */
    private void expire(ModelChange c) {
      String waiting =
          c.pendingParties().stream().map(Nic::value).collect(Collectors.joining(", "));
      end(c, ChangeState.expired, Reason.of("reason.expired", waiting));
    }

    private void end(ModelChange c, ChangeState state, Reason reason) {
      c.state = state;
      c.transitions.add(state);
      c.reason = reason;
      c.nextReminderAt = null;
      MailKind kind =
          ENDINGS.entrySet().stream()
              .filter(e -> e.getValue() == state)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      c.involved().forEach(nic -> expectMail(c.id, kind, nic));
    }

    // ---- the rules, as the model reads DESIGN §2 -----------------------------------------------

    private Set<String> violations(Nic asker, Contacts current, Map<ContactRole, Nic> wanted) {
      Set<String> broken = new HashSet<>();
      if (current.rolesOf(asker).isEmpty()) {
        broken.add("requesterHoldsARole");
      }
      boolean isAdmin = current.admin().equals(asker);
      wanted.forEach(
          (role, to) -> {
            Nic holder = current.holder(role);
            if (role == ContactRole.admin && !isAdmin) {
              broken.add("onlyAdminChangesAdmin");
            }
            if (!isAdmin && !holder.equals(asker)) {
              broken.add("othersHandOverOnlyTheirOwnRole");
            }
            if (holder.equals(to)) {
              broken.add("newContactDiffersFromHolder");
            }
            if (settings.standingCheck() == StandingCheck.all || role == ContactRole.billing) {
              if (inDebt.contains(holder)) {
                broken.add("currentContactInGoodStanding");
              }
              if (inDebt.contains(to)) {
                broken.add("newContactInGoodStanding");
              }
            }
          });
      return broken;
    }

    /** One request per (current holder, new contact) pair. */
    private List<Plan> plan(Contacts current, Map<ContactRole, Nic> wanted) {
      Map<List<Nic>, Set<ContactRole>> byPair = new LinkedHashMap<>();
      wanted.forEach(
          (role, to) ->
              byPair
                  .computeIfAbsent(
                      List.of(current.holder(role), to), k -> EnumSet.noneOf(ContactRole.class))
                  .add(role));
      List<Plan> plans = new ArrayList<>();
      byPair.forEach((pair, roles) -> plans.add(new Plan(pair.get(0), pair.get(1), roles)));
      return plans;
    }

    private Instant nextReminderAfter(Instant expiresAt, Instant t) {
      return settings.reminderOffsets().stream()
          .map(expiresAt::minus)
          .filter(at -> at.isAfter(t))
          .min(Comparator.naturalOrder())
          .orElse(null);
    }

    // ---- invariants, checked against the database after every step -----------------------------

    private void verify() {
      verifyContacts();
      verifyRequests();
      verifyOneOpenRequestPerRole();
      verifyMail();
      verifyVisibility();
    }

    /** Each service has exactly three non-null contacts, those of the model. */
    private void verifyContacts() {
      for (HostedService s : world) {
        List<String> stored =
            jdbc.sql("select admin_nic, tech_nic, billing_nic from services where id = ?")
                .param(s.id())
                .query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        check(!stored.contains(null), "service " + s.id() + " has a null contact: " + stored);
        Contacts expected = contacts.get(s.id());
        List<String> modelled = roles().stream().map(r -> expected.holder(r).value()).toList();
        check(
            stored.equals(modelled),
            "service " + s.id() + " has contacts " + stored + ", model " + modelled);
      }
      // A done request moved exactly its roles, unless a later done request moved them again.
      for (ModelChange c : model.values()) {
        if (c.state == ChangeState.done) {
          for (ContactRole role : c.roles) {
            if (Objects.equals(lastMover.get(c.serviceId + "/" + role), c.id)) {
              check(
                  contacts.get(c.serviceId).holder(role).equals(c.to),
                  c + " is done but " + role + " is not with " + c.to);
            }
          }
        }
      }
    }

    private void verifyRequests() {
      for (ModelChange m : model.values()) {
        ContactChange c =
            changes.find(m.id).orElseThrow(() -> failure("request #" + m.id + " vanished", null));
        ChangeState before = lastSeen.put(m.id, c.state());
        if (before != null) {
          check(
              before.isOpen() || c.state() == before,
              "#" + m.id + " left final state " + before + " for " + c.state());
          check(
              rank(c.state()) >= rank(before),
              "#" + m.id + " went back from " + before + " to " + c.state());
        }
        check(c.state() == m.state, "#" + m.id + " is " + c.state() + ", model " + m.state);
        check(
            c.roles().equals(m.roles)
                && c.from().equals(m.from)
                && c.to().equals(m.to)
                && c.asker().equals(m.asker)
                && c.serviceId() == m.serviceId,
            "#" + m.id + " is not " + m);
        check(c.expiresAt().equals(m.expiresAt), "#" + m.id + " expires at " + c.expiresAt());
        check(
            Objects.equals(c.nextReminderAt(), m.nextReminderAt),
            "#" + m.id + " next reminder " + c.nextReminderAt() + ", model " + m.nextReminderAt);
        check(
            (c.doneAt() != null) == m.state.isFinal(),
            "#" + m.id + " in " + c.state() + " has doneAt " + c.doneAt());
        verifyReason(m, c);
        verifyParties(m, c);
        verifyTransitions(m);
      }
    }

    private void verifyReason(ModelChange m, ContactChange c) {
      if (m.isOpen()) {
        check(c.reason() == null, "open #" + m.id + " has a reason " + c.reason());
      } else if (m.reason != null) {
        check(
            m.reason.equals(c.reason()),
            "#" + m.id + " reason " + c.reason() + ", model " + m.reason);
      } else if (m.state == ChangeState.refused) {
        String key = c.reason() == null ? "" : c.reason().key();
        check(
            key.startsWith("policy.") && m.possibleRules.contains(key.substring(7)),
            "#" + m.id + " refused by " + c.reason() + ", model rules " + m.possibleRules);
      }
    }

    /** Party status, failures and codes; every code is void once the request has ended. */
    private void verifyParties(ModelChange m, ContactChange c) {
      check(
          c.parties().size() == m.parties.size(),
          "#" + m.id + " has parties " + c.parties().stream().map(Party::nic).toList());
      for (ModelParty mp : m.parties) {
        Party p =
            c.party(mp.nic).orElseThrow(() -> failure("#" + m.id + " lost party " + mp.nic, null));
        String where = "#" + m.id + " party " + mp.nic + ": ";
        check(p.status() == mp.status, where + "status " + p.status() + ", model " + mp.status);
        check(
            p.failedAttempts() == mp.failures,
            where + "failures " + p.failedAttempts() + ", model " + mp.failures);
        check(p.codeIssuedAt().equals(mp.codeIssuedAt), where + "code issued " + p.codeIssuedAt());
        check(
            (p.codeUsedAt() != null) == (mp.status != PartyStatus.pending),
            where + "code used at " + p.codeUsedAt() + " while " + mp.status);
        String digest = m.isOpen() ? ConfirmationCode.digestOf(mp.code) : null;
        check(Objects.equals(p.codeDigest(), digest), where + "stored code is not the model's");
      }
    }

    /** The audit trail shows the states in order, never backwards: the model's exact path. */
    private void verifyTransitions(ModelChange m) {
      List<ChangeState> trail =
          audit.forChange(m.id).stream()
              .map(AuditEntry::action)
              .filter(a -> a.startsWith("change."))
              .map(a -> a.substring("change.".length()))
              .flatMap(
                  name -> Arrays.stream(ChangeState.values()).filter(s -> s.name().equals(name)))
              .toList();
      check(
          trail.equals(m.transitions),
          "#" + m.id + " audit trail " + trail + ", model " + m.transitions);
    }

    /** At most one open request per (service, role), and the claims are the model's. */
    private void verifyOneOpenRequestPerRole() {
      String finals =
          Arrays.stream(ChangeState.values())
              .filter(ChangeState::isFinal)
              .map(s -> "'" + s.name() + "'")
              .collect(Collectors.joining(", "));
      Map<String, List<Long>> open = new TreeMap<>();
      jdbc.sql(
              "select id, service_id, roles from contact_changes where state not in ("
                  + finals
                  + ")")
          .query(
              (rs, n) -> {
                for (ContactRole role : ContactRole.decode(rs.getString("roles"))) {
                  open.computeIfAbsent(
                          rs.getLong("service_id") + "/" + role, k -> new ArrayList<>())
                      .add(rs.getLong("id"));
                }
                return null;
              })
          .list();
      open.forEach(
          (key, ids) ->
              check(ids.size() == 1, "service/role " + key + " has open requests " + ids));
      Map<String, Long> modelled = new TreeMap<>();
      openChanges().forEach(c -> c.roles.forEach(r -> modelled.put(c.serviceId + "/" + r, c.id)));
      Map<String, Long> mine = new TreeMap<>();
      open.forEach(
          (key, ids) -> {
            if (contacts.containsKey(Long.parseLong(key.substring(0, key.indexOf('/'))))) {
              mine.put(key, ids.get(0));
            }
          });
      check(mine.equals(modelled), "open requests by role " + mine + ", model " + modelled);
      Map<String, Long> claims = new TreeMap<>();
      jdbc.sql("select service_id, role, change_id from open_role_claims")
          .query(
              (rs, n) -> {
                if (contacts.containsKey(rs.getLong(1))) {
                  claims.put(rs.getLong(1) + "/" + rs.getString(2), rs.getLong(3));
                }
                return null;
              })
          .list();
      check(claims.equals(modelled), "open role claims " + claims + ", model " + modelled);
    }

    /** Every event wrote exactly its outbox rows, and nothing else was written. */
    private void verifyMail() {
      List<OutboxMessage> written = outbox.after(lastMailId);
      List<String> actual =
          written.stream()
              .map(m -> "#" + m.changeId() + " " + m.kind() + " to " + m.recipientNic())
              .sorted()
              .toList();
      List<String> expected = expectedMail.stream().sorted().toList();
      check(actual.equals(expected), "outbox rows " + actual + ", model " + expected);
      for (OutboxMessage m : written) {
        check(
            Objects.equals(
                String.valueOf(m.payload().get("changeId")), String.valueOf(m.changeId())),
            "outbox row " + m.id() + " speaks of request " + m.payload().get("changeId"));
        ModelChange c = model.get(m.changeId());
        if (c != null && ENDINGS.containsKey(m.kind())) {
          check(
              c.state.name().equals(m.payload().get("state")) && ENDINGS.get(m.kind()) == c.state,
              "outbox row " + m.id() + " " + m.kind() + " says " + m.payload().get("state"));
        }
      }
      written.forEach(m -> lastMailId = Math.max(lastMailId, m.id()));
      expectedMail.clear();
    }

    /** Each account lists exactly the requests it asked for, hands over or receives. */
    private void verifyVisibility() {
      for (Nic nic : accounts) {
        Set<Long> listed = new HashSet<>(changes.idsInvolving(nic, null, null, null));
        Set<Long> modelled =
            model.values().stream()
                .filter(c -> c.involves(nic))
                .map(c -> c.id)
                .collect(Collectors.toSet());
        check(listed.equals(modelled), nic + " lists " + listed + ", model " + modelled);
      }
    }

    private Map<String, Long> summary() {
      Map<String, Long> counts = new TreeMap<>();
      model.values().forEach(c -> counts.merge("ended " + c.state.name(), 1L, Long::sum));
      counts.putAll(outcomes);
      return counts;
    }

    private void checkEveryRequestEnded() {
      model.values().forEach(c -> check(c.state.isFinal(), c + " is still " + c.state));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private <T> T succeed(String what, Supplier<T> call) {
      try {
        T result = call.get();
        outcomes.merge(what + " worked", 1L, Long::sum);
        return result;
      } catch (HandoverException e) {
        throw failure(
            what
                + " was refused ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + ") but the model expected it to work",
            e);
      }
    }

    private HandoverException refused(
        String what, Set<Class<? extends HandoverException>> allowed, Supplier<?> call) {
      Object result;
      try {
        result = call.get();
      } catch (HandoverException e) {
        if (allowed.contains(e.getClass())) {
          outcomes.merge(what + " refused: " + e.getClass().getSimpleName(), 1L, Long::sum);
          note("  -> refused: " + e.getClass().getSimpleName());
          return e;
        }
        throw failure(
            what
                + " was refused with "
                + e.getClass().getSimpleName()
                + " ("
                + e.getMessage()
                + "), model expected one of "
                + names(allowed),
            e);
      }
      throw failure(
          what
              + " worked ("
              + describe(result)
              + ") but the model expected one of "
              + names(allowed),
          null);
    }

    private String describe(Object result) {
      if (result instanceof ContactChange c) {
        return "#" + c.id() + " " + c.state();
      }
      if (result instanceof List<?> list) {
        return list.stream().map(this::describe).toList().toString();
      }
      return String.valueOf(result);
    }

    private String names(Collection<Class<? extends HandoverException>> classes) {
      return classes.stream().map(Class::getSimpleName).sorted().toList().toString();
    }

    private void check(boolean condition, String message) {
      if (!condition) {
        throw failure(message, null);
      }
    }

    private AssertionError failure(String message, Throwable cause) {
      return new AssertionError("[seed " + seed + ", step " + step + "] " + message, cause);
    }

    private void note(String line) {
      if (VERBOSE) {
        System.out.println("[seed " + seed + "] " + step + ": " + line);
      }
      history.addLast(step + ": " + line);
      while (history.size() > HISTORY) {
        history.removeFirst();
      }
    }

    private void expectMail(long changeId, MailKind kind, Nic to) {
      expectedMail.add("#" + changeId + " " + kind + " to " + to);
    }

    private Stream<ModelChange> openChanges() {
      return model.values().stream().filter(ModelChange::isOpen);
    }

    /** Mostly an open request, sometimes any. */
    private ModelChange pickChange() {
      List<ModelChange> open = openChanges().toList();
      return !open.isEmpty() && rnd.nextInt(10) < 8
          ? pick(open)
          : pick(new ArrayList<>(model.values()));
    }

    /** Mostly a party still awaited, sometimes another party, the replaced contact or anyone. */
    private Nic pickActor(ModelChange c) {
      int roll = rnd.nextInt(20);
      List<Nic> pending = c.pendingParties();
      if (roll < 14 && !pending.isEmpty()) {
        return pick(pending);
      } else if (roll < 17) {
        return pick(c.parties).nic;
      } else if (roll < 19) {
        return c.from;
      }
      return pick(accounts);
    }

    private String randomCode() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 28; i++) {
        if (i > 0 && i % 4 == 0) {
          sb.append('-');
        }
        sb.append(CODE_SYMBOLS.charAt(rnd.nextInt(CODE_SYMBOLS.length())));
      }
      return sb.toString();
    }

    private boolean sameCode(String a, String b) {
      return ConfirmationCode.digestOf(a).equals(ConfirmationCode.digestOf(b));
    }

    private <T> T pick(List<T> items) {
      return items.get(rnd.nextInt(items.size()));
    }

    private List<ContactRole> roles() {
      return List.of(ContactRole.values());
    }
  }
}
