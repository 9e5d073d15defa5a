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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.handover.catalog.ServiceKey;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeErrors.CodeReplaced;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.NotAllowedToCancel;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.SetTooLarge;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.contact.PolicyViolation;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.support.ChangeUseCases;
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
 * Model-based random test of the change-set workflow. Each run draws a small world (five accounts,
 * four services with mixed contacts) and then random steps by random accounts: edits of one service
 * (several roles at once, sometimes with unchanged ones), bulk sets over several services (with and
 * without leaving refused services out), answers with right, wrong and spent codes, resends,
 * cancellations by the asker, administrators and others, debt changes, clock moves, expiry runs and
 * reads. A small model says what DESIGN §1–§3 promise for each step (success, or which refusal)
 * and, after every step, the database must agree with it: contacts, set states that never go back
 * and their audit trail, all items of a set applied or none, one open claim per role, single-use
 * codes, every email row (one per person per step and set) and who sees which tasks.
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

  @Autowired private ChangeUseCases changes;
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

  /** What the model knows of one party of a set: one code for the whole set. */
  private static final class ModelParty {
    final Nic nic;
    String code;

    /** The code the last resend replaced: answering with it is named as such, not counted. */
    String replaced;

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

  /** One item of a set: roles of one service from one account to another. */
  private record ModelItem(long serviceId, Set<ContactRole> roles, Nic from, Nic to, long taskId) {

    ModelItem withTaskId(long id) {
      return new ModelItem(serviceId, roles, from, to, id);
    }

    @Override
    public String toString() {
      return "task "
          + taskId
          + " s"
          + serviceId
          + " "
          + ContactRole.encode(roles)
          + " "
          + from
          + "->"
          + to;
    }
  }

  /** What the model knows of one change set. */
  private static final class ModelSet {
    final long id;
    final Nic asker;
    final Instant expiresAt;
    Instant nextReminderAt;
    final List<ModelItem> items;
    final List<ModelParty> parties = new ArrayList<>();

    /** Everyone the set concerns, with whether they may cancel it. */
    final Map<Nic, Boolean> members = new LinkedHashMap<>();

    ChangeState state = ChangeState.validatingByCustomers;

    /** The audit actions the set's id must carry, in order. */
    final List<String> trail = new ArrayList<>();

    Reason reason;
    Set<String> possibleRules = Set.of();

    ModelSet(long id, Nic asker, List<ModelItem> items, Instant expiresAt) {
      this.id = id;
      this.asker = asker;
      this.items = items;
      this.expiresAt = expiresAt;
    }

    boolean isOpen() {
      return state.isOpen();
    }

    boolean isOverdue(Instant now) {
      return state == ChangeState.validatingByCustomers && !now.isBefore(expiresAt);
    }

    boolean involves(Nic nic) {
      return members.containsKey(nic);
    }

    boolean mayCancel(Nic nic) {
      return Boolean.TRUE.equals(members.get(nic));
    }

    ModelParty party(Nic nic) {
      return parties.stream().filter(p -> p.nic.equals(nic)).findFirst().orElse(null);
    }

    List<Nic> pendingParties() {
      return parties.stream().filter(p -> p.status == PartyStatus.pending).map(p -> p.nic).toList();
    }

    void record(String action, int times) {
      for (int i = 0; i < times; i++) {
        trail.add(action);
      }
    }

    @Override
    public String toString() {
      return "set #" + id + " by " + asker + " " + items;
    }
  }

  /** How the database took one answer. */
  private enum Answer {
    /** A party's answer was recorded. */
    ANSWERED,
    /** A repeated acceptance with the code already used: nothing happened, no refusal. */
    NO_OP,
    REFUSED
  }

  /** A code that once worked (or was replaced by a resend) for a party of a set. */
  private record SpentCode(long setId, Nic nic, String code) {}

  /** Where a state stands: final states all rank last. */
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

    /** When each account was last told that its debt refused someone else's change. */
    private final Map<Nic, Instant> lastDebtNotice = new HashMap<>();

    /** This step's debt notices: who may get one, and who must. */
    private final Set<Nic> debtNoticeAllowed = new HashSet<>();

    private final Set<Nic> debtNoticeRequired = new HashSet<>();
    private Nic debtor;
    private final List<HostedService> world = new ArrayList<>();
    private final Map<Long, Contacts> contacts = new HashMap<>();
    private final Map<Long, ModelSet> model = new LinkedHashMap<>();
    private final Map<Long, ChangeState> lastSeen = new HashMap<>();
    private final Map<String, Long> lastMover = new HashMap<>();
    private final List<SpentCode> usedCodes = new ArrayList<>();
    private final List<SpentCode> replacedCodes = new ArrayList<>();

    /** Digests of every code that recorded an answer: none may do so twice. */
    private final Set<String> answeringCodes = new HashSet<>();

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
        settleEarlierSets();
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
        checkEverySetEnded();
        // one line per seed, so that a build log names every seed it ran
        System.out.println("[model seed " + seed + "] " + steps + " steps: " + summary());
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
    private void settleEarlierSets() {
      Instant now = clock.instant();
      Instant latest =
          jdbc
              .sql(
                  "select max(expires_at) from change_sets"
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
        // The debtor pays for one service, so that debt changes meet open billing requests; one
        // account administers two services, so that bulk sets find several of its services.
        Contacts c =
            switch (i) {
              case 0 -> Contacts.allTo(accounts.get(0));
              case 1 -> new Contacts(pick(accounts), pick(accounts), debtor);
              case 2 -> new Contacts(accounts.get(0), pick(accounts), pick(accounts));
              default -> new Contacts(pick(accounts), pick(accounts), pick(accounts));
            };
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
      if (model.isEmpty() || roll < 18) {
        requestOne();
      } else if (roll < 26) {
        requestSet();
      } else if (roll < 43) {
        answerWithCurrentCode(true);
      } else if (roll < 48) {
        answerWithCurrentCode(false);
      } else if (roll < 54) {
        answerWithWrongCode();
      } else if (roll < 60) {
        answerWithSpentCode();
      } else if (roll < 66) {
        resend();
      } else if (roll < 72) {
        cancel();
      } else if (roll < 77) {
        toggleDebt();
      } else if (roll < 88) {
        moveClock();
      } else if (roll < 95) {
        runDueWork();
      } else {
        read();
      }
    }

    /** An edit of one service: several roles at once, sometimes some of them unchanged. */
    private void requestOne() {
      HostedService service = pick(world);
      Contacts current = contacts.get(service.id());
      Nic asker = rnd.nextInt(10) < 8 ? current.holder(pick(roles())) : pick(accounts);
      Map<ContactRole, Nic> wanted = wantedBy(asker, current);
      note("request on s" + service.id() + " " + current + " by " + asker + ": " + wanted);
      Supplier<Optional<ChangeSet>> call =
          () -> changes.request(as(asker), service.type(), service.name(), wanted);

      if (current.rolesOf(asker).isEmpty()) {
        refused("request by a non-contact", Set.of(ServiceNotFound.class), call);
        return;
      }
      Map<ContactRole, Nic> changed = changed(current, wanted);
      if (changed.isEmpty()) {
        check(succeed("request of no change", call).isEmpty(), "no change made a set");
        note("  -> no change, no set");
        return;
      }
      ModelRefusal refusal = refusalOf(asker, service.id(), wanted);
      if (refusal != null) {
        HandoverException e = expectRefusal("request", refusal, call);
        expectDebtNotices(asker, List.of(service.id()), wanted, e);
        return;
      }
      ChangeSet created =
          succeed("request", call).orElseThrow(() -> failure("a change made no set", null));
      register(created, asker, List.of(service.id()), wanted);
    }

    /** A bulk handover of the same roles on several services, one set. */
    private void requestSet() {
      List<HostedService> pool = new ArrayList<>(world);
      Collections.shuffle(pool, rnd);
      List<HostedService> chosen = pool.subList(0, 2 + rnd.nextInt(SERVICES - 1));
      Nic asker =
          rnd.nextInt(10) < 8
              ? contacts.get(chosen.get(0).id()).holder(pick(roles()))
              : pick(accounts);
      Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
      List<ContactRole> rolePool = new ArrayList<>(roles());
      Collections.shuffle(rolePool, rnd);
      Nic to = pick(accounts);
      for (ContactRole role : rolePool.subList(0, 1 + rnd.nextInt(2))) {
        wanted.put(role, rnd.nextInt(5) == 0 ? pick(accounts) : to);
      }
      boolean leaveOut = rnd.nextBoolean();
      List<ServiceKey> keys = chosen.stream().map(s -> new ServiceKey(s.type(), s.name())).toList();
      note(
          "request set on "
              + chosen.stream().map(s -> "s" + s.id()).toList()
              + " by "
              + asker
              + ": "
              + wanted
              + (leaveOut ? " leaving refused out" : ""));
      Supplier<ChangeSet> call = () -> changes.requestSet(as(asker), keys, wanted, leaveOut);

      List<HostedService> visible =
          chosen.stream().filter(s -> !contacts.get(s.id()).rolesOf(asker).isEmpty()).toList();
      if (!leaveOut && visible.size() < chosen.size()) {
        refused("request set with a hidden service", Set.of(ServiceNotFound.class), call);
        return;
      }
      // The services are planned in id order; the first refusal is the one thrown.
      List<HostedService> ordered =
          visible.stream().sorted(Comparator.comparingLong(HostedService::id)).toList();
      Map<Long, ModelRefusal> refusals = new LinkedHashMap<>();
      List<Long> included = new ArrayList<>();
      for (HostedService s : ordered) {
        ModelRefusal refusal = refusalOf(asker, s.id(), wanted);
        if (refusal != null) {
          refusals.put(s.id(), refusal);
        } else {
          included.add(s.id());
        }
      }
      if (ordered.isEmpty()) {
        refused("request set of nothing visible", Set.of(SetTooLarge.class), call);
        return;
      }
      if (!refusals.isEmpty() && (!leaveOut || included.isEmpty())) {
        long first = refusals.keySet().iterator().next();
        HandoverException e = expectRefusal("request set", refusals.get(first), call);
        expectDebtNotices(asker, refusals.keySet(), wanted, e);
        return;
      }
      ChangeSet created = succeed("request set", call);
      expectDebtNotices(asker, refusals.keySet(), wanted, null);
      if (!refusals.isEmpty()) {
        count("request set left out " + refusals.size() + " refused services");
      }
      register(created, asker, included, wanted);
    }

    /**
     * What the rules (or an open set) say against {@code wanted} on a service; null when the
     * service can take part.
     */
    private ModelRefusal refusalOf(Nic asker, long serviceId, Map<ContactRole, Nic> wanted) {
      Contacts current = contacts.get(serviceId);
      Map<ContactRole, Nic> changed = changed(current, wanted);
      Set<String> broken = violations(asker, current, changed.isEmpty() ? wanted : changed);
      if (!broken.isEmpty()) {
        return new ModelRefusal(broken, Set.of());
      }
      Set<Long> conflicts =
          openSets()
              .filter(
                  c ->
                      c.items.stream()
                          .anyMatch(
                              i ->
                                  i.serviceId() == serviceId
                                      && i.roles().stream().anyMatch(changed::containsKey)))
              .map(c -> c.id)
              .collect(Collectors.toSet());
      return conflicts.isEmpty() ? null : new ModelRefusal(Set.of(), conflicts);
    }

    /** The refusal the model expects, checked against the one thrown, which it returns. */
    private HandoverException expectRefusal(String what, ModelRefusal m, Supplier<?> call) {
      if (!m.rules.isEmpty()) {
        HandoverException e = refused(what, Set.of(PolicyViolation.class), call);
        String rule = ((PolicyViolation) e).rule();
        check(m.rules.contains(rule), what + " refused by rule " + rule + ", model: " + m.rules);
        return e;
      }
      HandoverException e = refused(what, Set.of(OpenRequestConflict.class), call);
      long named = ((OpenRequestConflict) e).openChangeId();
      check(m.conflicts.contains(named), "conflict names #" + named + ", open: " + m.conflicts);
      return e;
    }

    /**
     * An account in debt (not the asker) whose debt refused some item of the attempt may be told,
     * once a day; the one the thrown refusal names must be, unless it was told within the day.
     */
    private void expectDebtNotices(
        Nic asker,
        Collection<Long> refusedServices,
        Map<ContactRole, Nic> wanted,
        HandoverException thrown) {
      Instant now = clock.instant();
      for (long serviceId : refusedServices) {
        Contacts current = contacts.get(serviceId);
        Map<ContactRole, Nic> changed = changed(current, wanted);
        (changed.isEmpty() ? wanted : changed)
            .forEach(
                (role, to) -> {
                  if (settings.standingCheck() == StandingCheck.all
                      || role == ContactRole.billing) {
                    for (Nic nic : List.of(current.holder(role), to)) {
                      if (inDebt.contains(nic) && !nic.equals(asker) && mayTellDebt(nic, now)) {
                        debtNoticeAllowed.add(nic);
                      }
                    }
                  }
                });
      }
      if (thrown instanceof PolicyViolation v && v.rule().endsWith("InGoodStanding")) {
        Nic named = (Nic) v.args()[0];
        check(inDebt.contains(named), "a payment refusal names " + named + ", not in debt");
        if (!named.equals(asker) && mayTellDebt(named, now)) {
          check(debtNoticeAllowed.contains(named), named + " named but not a debt candidate");
          debtNoticeRequired.add(named);
        }
      }
    }

    private boolean mayTellDebt(Nic nic, Instant now) {
      Instant last = lastDebtNotice.get(nic);
      return last == null || !now.isBefore(last.plus(Duration.ofDays(1)));
    }

    /** Mostly roles the asker may change, to accounts that do not hold them; sometimes anything. */
    private Map<ContactRole, Nic> wantedBy(Nic asker, Contacts current) {
      Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
      if (rnd.nextInt(12) == 0) {
        // the edit form sent back as it was: nothing changes
        roles().forEach(r -> wanted.put(r, current.holder(r)));
        return wanted;
      }
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
      for (ContactRole role : pool.subList(0, count)) {
        Nic to = common != null ? common : pick(accounts);
        while (sensible && to.equals(current.holder(role))) {
          to = pick(accounts);
        }
        wanted.put(role, to);
      }
      if (rnd.nextInt(3) == 0) {
        // the other fields sent unchanged, as the edit form does
        roles().forEach(r -> wanted.putIfAbsent(r, current.holder(r)));
      }
      return wanted;
    }

    /** The roles whose wanted contact differs from the holder. */
    private Map<ContactRole, Nic> changed(Contacts current, Map<ContactRole, Nic> wanted) {
      Map<ContactRole, Nic> changed = new EnumMap<>(ContactRole.class);
      wanted.forEach(
          (role, to) -> {
            if (!current.holder(role).equals(to)) {
              changed.put(role, to);
            }
          });
      return changed;
    }

    /**
     * A new set as the model expects it: per service, one item per (holder, new contact) pair; the
     * asker and every new contact confirm; the asker, parties, replaced contacts and every contact
     * of the services are members, the asker and the administrators may cancel.
     */
    private void register(
        ChangeSet created, Nic asker, List<Long> serviceIds, Map<ContactRole, Nic> wanted) {
      Instant now = clock.instant();
      List<ModelItem> items = new ArrayList<>();
      for (long serviceId : serviceIds.stream().sorted().toList()) {
        Contacts current = contacts.get(serviceId);
        Map<List<Nic>, Set<ContactRole>> byPair = new LinkedHashMap<>();
        changed(current, wanted)
            .forEach(
                (role, to) ->
                    byPair
                        .computeIfAbsent(
                            List.of(current.holder(role), to),
                            k -> EnumSet.noneOf(ContactRole.class))
                        .add(role));
        byPair.forEach(
            (pair, roles) ->
                items.add(new ModelItem(serviceId, roles, pair.get(0), pair.get(1), 0)));
      }
      check(
          created.items().size() == items.size(),
          "set #" + created.id() + " has items " + created.items() + ", model " + items);
      List<ModelItem> stored = new ArrayList<>();
      for (ModelItem item : items) {
        ChangeItem match =
            created.items().stream()
                .filter(
                    i ->
                        i.serviceId() == item.serviceId()
                            && i.from().equals(item.from())
                            && i.to().equals(item.to())
                            && i.roles().equals(item.roles()))
                .findFirst()
                .orElseThrow(() -> failure("set #" + created.id() + " lacks item " + item, null));
        stored.add(item.withTaskId(match.taskId()));
      }
      ModelSet c = new ModelSet(created.id(), asker, stored, now.plus(settings.expiry()));
      check(!model.containsKey(c.id), "set id " + c.id + " was given twice");
      c.nextReminderAt = nextReminderAfter(c.expiresAt, now);
      Set<Nic> parties = new LinkedHashSet<>();
      parties.add(asker);
      stored.forEach(i -> parties.add(i.to()));
      c.members.put(asker, true);
      parties.forEach(p -> c.members.putIfAbsent(p, false));
      for (ModelItem i : stored) {
        c.members.putIfAbsent(i.from(), false);
      }
      for (long serviceId : serviceIds) {
        Contacts current = contacts.get(serviceId);
        c.members.put(current.admin(), true);
        c.members.putIfAbsent(current.tech(), false);
        c.members.putIfAbsent(current.billing(), false);
      }
      for (Nic nic : parties) {
        c.parties.add(new ModelParty(nic, fixtures.codeFor(c.id, nic), now));
      }
      for (Nic nic : c.members.keySet()) {
        expectMail(
            c.id, parties.contains(nic) ? MailKind.CHANGE_CODE : MailKind.CHANGE_NOTICE, nic);
      }
      check(
          c.parties.stream().map(p -> p.code).distinct().count() == c.parties.size(),
          "parties of #" + c.id + " got the same code");
      c.record("change.requested", stored.size());
      c.record("change.validatingByCustomers", 1);
      check(
          created.state() == ChangeState.validatingByCustomers,
          "new set #" + c.id + " is " + created.state());
      model.put(c.id, c);
      note("  created " + c);
    }

    private void answerWithCurrentCode(boolean accepting) {
      ModelSet c = pickSet();
      Nic actor = pickActor(c);
      ModelParty party = c.party(actor);
      String code = party != null ? party.code : randomCode();
      answer(c, actor, code, accepting, party != null ? "its code" : "a made-up code");
    }

    /** Sometimes a burst of wrong codes, enough to void the party's code. */
    private void answerWithWrongCode() {
      ModelSet c = pickSet();
      Nic actor = pickActor(c);
      int tries = rnd.nextInt(4) == 0 ? settings.maxCodeFailures() + 1 : 1;
      for (int i = 0; i < tries; i++) {
        answer(c, actor, randomCode(), rnd.nextBoolean(), "a wrong code");
      }
    }

    /**
     * No code works twice: a used or replaced code never records a second answer, on its own set or
     * another one where the same person is a party. Accepting again with one's own accepted code is
     * a no-op.
     */
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
      ModelSet target = model.get(spent.setId());
      if (rnd.nextInt(4) == 0) {
        List<ModelSet> others =
            model.values().stream()
                .filter(s -> s.id != spent.setId() && s.party(spent.nic()) != null)
                .toList();
        if (!others.isEmpty()) {
          target = pick(others);
        }
      }
      Answer result =
          answer(
              target,
              spent.nic(),
              spent.code(),
              rnd.nextBoolean(),
              (pool == usedCodes ? "a used code" : "a replaced code") + " of #" + spent.setId());
      check(result != Answer.ANSWERED, "a spent code of #" + spent.setId() + " answered again");
    }

    /** One answer, as the model expects it to go. */
    private Answer answer(ModelSet c, Nic actor, String code, boolean accepting, String codeKind) {
      Instant now = clock.instant();
      String verb = accepting ? "accept" : "refuse";
      String why = !accepting && rnd.nextInt(3) == 0 ? "  not   now " : null;
      note(verb + " " + c + " [" + c.state + "] as " + actor + " with " + codeKind);
      Supplier<ChangeSet> call =
          () ->
              accepting
                  ? changes.accept(as(actor), c.id, code)
                  : changes.refuse(as(actor), c.id, code, why);
      if (!c.involves(actor)) {
        refused(verb + " by a stranger", Set.of(ChangeNotFound.class), call);
        return Answer.REFUSED;
      }
      ModelParty party = c.party(actor);
      if (accepting
          && party != null
          && party.status == PartyStatus.accepted
          && sameCode(code, party.code)) {
        ChangeSet same = succeed("repeated accept", call);
        check(same.state() == c.state, "repeated accept returned " + same.state());
        note("  -> no-op");
        return Answer.NO_OP;
      }
      if (expiredOnTheWay(c, now, verb, call)) {
        return Answer.REFUSED;
      }
      Class<? extends HandoverException> reason = null;
      if (!c.isOpen()) {
        reason = ChangeClosed.class;
      } else if (party == null) {
        reason = NotAParty.class;
      } else if (party.status != PartyStatus.pending) {
        reason = AlreadyAnswered.class;
      } else if (party.failures >= settings.maxCodeFailures()) {
        reason = CodeVoid.class;
        c.record("code.rejected", 1);
      } else if (party.replaced != null
          && !sameCode(code, party.code)
          && sameCode(code, party.replaced)) {
        reason = CodeReplaced.class;
      } else if (!sameCode(code, party.code)) {
        reason = WrongCode.class;
        party.failures++;
        c.record("code.rejected", 1);
      }
      if (reason != null) {
        refused(verb, Set.of(reason), call);
        return Answer.REFUSED;
      }
      ChangeSet result = succeed(verb, call);
      check(
          answeringCodes.add(ConfirmationCode.digestOf(code)),
          "a code answered twice (#" + c.id + ", " + actor + ")");
      party.status = accepting ? PartyStatus.accepted : PartyStatus.refused;
      usedCodes.add(new SpentCode(c.id, actor, code));
      if (!accepting) {
        c.record("party.refused", 1);
        String said = why == null ? "" : why.strip().replaceAll("\\s+", " ");
        end(
            c,
            ChangeState.refused,
            said.isEmpty()
                ? Reason.of("reason.refusedBy", actor.value())
                : Reason.of("reason.refusedBecause", actor.value(), said));
      } else {
        c.record("party.accepted", 1);
        if (c.pendingParties().isEmpty()) {
          applyOrRefuse(c);
        } else {
          for (Nic waiting : c.pendingParties()) {
            expectMail(c.id, MailKind.CHANGE_PARTY_ACCEPTED, waiting);
          }
        }
      }
      check(
          result.state() == c.state,
          verb + " returned state " + result.state() + " not " + c.state);
      note("  -> " + c.state);
      return Answer.ANSWERED;
    }

    /**
     * The last acceptance: every item is judged against the contacts as they are now, before any is
     * applied; then all are applied, or none.
     */
    private void applyOrRefuse(ModelSet c) {
      c.state = ChangeState.checkValidity;
      c.record("change.checkValidity", 1);
      Set<String> broken = new HashSet<>();
      for (ModelItem item : c.items) {
        Contacts current = contacts.get(item.serviceId());
        Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
        item.roles().forEach(role -> wanted.put(role, item.to()));
        broken.addAll(violations(c.asker, current, wanted));
        for (ContactRole role : item.roles()) {
          if (!current.holder(role).equals(item.from())) {
            broken.add("roleIsStillHeld");
          }
        }
      }
      if (!broken.isEmpty()) {
        end(c, ChangeState.refused, null);
        c.possibleRules = broken;
        count("final re-check refused a set of " + c.items.size() + " items");
        return;
      }
      c.state = ChangeState.doing;
      c.record("change.doing", 1);
      for (ModelItem item : c.items) {
        contacts.put(
            item.serviceId(), contacts.get(item.serviceId()).with(item.roles(), item.to()));
        item.roles().forEach(role -> lastMover.put(item.serviceId() + "/" + role, c.id));
      }
      end(c, ChangeState.done, null);
      count("applied a set of " + c.items.size() + " items");
    }

    /** Sometimes a burst of resends a minute apart, enough to reach the daily limit. */
    private void resend() {
      ModelSet c = pickSet();
      Nic actor = pickActor(c);
      if (rnd.nextInt(4) > 0) {
        resend(c, actor);
        return;
      }
      for (int i = 0; i <= settings.resendDailyLimit(); i++) {
        resend(c, actor);
        // each resend is a step of its own for the mail check: one email per person and step
        verifyMail();
        note("clock +" + settings.resendInterval());
        clock.advance(settings.resendInterval());
      }
    }

    private void resend(ModelSet c, Nic actor) {
      Instant now = clock.instant();
      note("resend " + c + " [" + c.state + "] as " + actor);
      Supplier<Object> call =
          () -> {
            changes.resendCode(as(actor), c.id);
            return null;
          };
      if (!c.involves(actor)) {
        refused("resend by a stranger", Set.of(ChangeNotFound.class), call);
        return;
      }
      if (expiredOnTheWay(c, now, "resend", call)) {
        return;
      }
      ModelParty party = c.party(actor);
      boolean newWindow = true;
      int used = 0;
      Class<? extends HandoverException> reason = null;
      if (!c.isOpen()) {
        reason = ChangeClosed.class;
      } else if (party == null) {
        reason = NotAParty.class;
      } else if (party.status != PartyStatus.pending) {
        reason = AlreadyAnswered.class;
      } else if (now.isBefore(party.codeIssuedAt.plus(settings.resendInterval()))) {
        reason = ResendTooSoon.class;
      } else {
        newWindow =
            party.resendWindowAt == null
                || !now.isBefore(party.resendWindowAt.plus(Duration.ofDays(1)));
        used = newWindow ? 0 : party.resendsInWindow;
        if (used >= settings.resendDailyLimit()) {
          reason = ResendLimitReached.class;
        }
      }
      if (reason != null) {
        refused("resend", Set.of(reason), call);
        return;
      }
      succeed("resend", call);
      String old = party.code;
      party.code = fixtures.codeFor(c.id, actor);
      check(!sameCode(old, party.code), "resend of #" + c.id + " sent the same code again");
      replacedCodes.add(new SpentCode(c.id, actor, old));
      party.replaced = old;
      party.failures = 0;
      party.codeIssuedAt = now;
      party.resendWindowAt = newWindow ? now : party.resendWindowAt;
      party.resendsInWindow = used + 1;
      c.record("code.resent", 1);
      expectMail(c.id, MailKind.CHANGE_CODE_RESENT, actor);
      note("  -> new code");
    }

    /** By the asker, an administrator of one of its services, another member or anyone. */
    private void cancel() {
      ModelSet c = pickSet();
      int roll = rnd.nextInt(20);
      List<Nic> admins =
          c.members.keySet().stream().filter(n -> c.mayCancel(n) && !n.equals(c.asker)).toList();
      List<Nic> others = c.members.keySet().stream().filter(n -> !c.mayCancel(n)).toList();
      Nic actor;
      if (roll < 9) {
        actor = c.asker;
      } else if (roll < 13 && !admins.isEmpty()) {
        actor = pick(admins);
      } else if (roll < 17 && !others.isEmpty()) {
        actor = pick(others);
      } else {
        actor = pick(accounts);
      }
      Instant now = clock.instant();
      note("cancel " + c + " [" + c.state + "] as " + actor);
      Supplier<ChangeSet> call = () -> changes.cancel(as(actor), c.id);
      if (!c.involves(actor)) {
        refused("cancel by a stranger", Set.of(ChangeNotFound.class), call);
        return;
      }
      if (expiredOnTheWay(c, now, "cancel", call)) {
        return;
      }
      if (!c.mayCancel(actor)) {
        refused("cancel", Set.of(NotAllowedToCancel.class), call);
        return;
      }
      if (!c.isOpen()) {
        refused("cancel", Set.of(ChangeClosed.class), call);
        return;
      }
      ChangeSet result = succeed(actor.equals(c.asker) ? "cancel" : "cancel by an admin", call);
      end(c, ChangeState.aborted, Reason.of("reason.cancelledBy", actor.value()));
      check(result.state() == ChangeState.aborted, "cancel returned " + result.state());
      note("  -> aborted");
    }

    /**
     * A member's call on an overdue set finds it expired: that is recorded, then refused.
     *
     * @return whether the call was refused here
     */
    private boolean expiredOnTheWay(ModelSet c, Instant now, String what, Supplier<?> call) {
      if (c.isOverdue(now)) {
        refused(what + " of an overdue set", Set.of(ChangeClosed.class), call);
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

    /** Exactly to (or one second before) the next expiry or reminder of an open set. */
    private Duration untilADeadline(Instant now) {
      List<Instant> deadlines = new ArrayList<>();
      openSets()
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
      for (ModelSet c : openSets().toList()) {
        if (c.isOverdue(now)) {
          expire(c);
          expected++;
        }
      }
      for (ModelSet c : openSets().toList()) {
        if (c.nextReminderAt != null && !c.nextReminderAt.isAfter(now)) {
          c.pendingParties().forEach(nic -> expectMail(c.id, MailKind.CHANGE_REMINDER, nic));
          c.nextReminderAt = nextReminderAfter(c.expiresAt, now);
          c.record("change.reminded", 1);
          expected++;
        }
      }
      int handled = changeExpiry.runDueWork();
      check(handled == expected, "runDueWork handled " + handled + ", model expected " + expected);
      note("  -> handled " + handled);
    }

    /** A set, the set of a task, or the list, by a member or a stranger. */
    private void read() {
      ModelSet c = pick(new ArrayList<>(model.values()));
      Nic viewer = rnd.nextInt(3) > 0 ? pick(new ArrayList<>(c.members.keySet())) : pick(accounts);
      note("read " + c + " as " + viewer);
      Supplier<ChangeSet> get = () -> changes.get(viewer, c.id);
      long task = pick(c.items).taskId();
      Supplier<Long> ofTask = () -> changes.setOfTask(viewer, task);
      if (c.involves(viewer)) {
        ChangeSet read = succeed("read", get);
        check(
            read.id() == c.id && read.complete() && read.items().size() == c.items.size(),
            "read #" + c.id + " returned #" + read.id() + " with " + read.items());
        check(succeed("read task", ofTask) == c.id, "task " + task + " is not of #" + c.id);
      } else {
        refused("read by a stranger", Set.of(ChangeNotFound.class), get);
        refused("read task by a stranger", Set.of(ChangeNotFound.class), ofTask);
      }
      Set<Long> listed =
          changes.listInvolving(viewer, null, false, null, 200).stream()
              .map(ChangeSet::id)
              .collect(Collectors.toSet());
      Set<Long> modelled =
          model.values().stream()
              .filter(s -> s.involves(viewer))
              .map(s -> s.id)
              .collect(Collectors.toSet());
      check(listed.equals(modelled), viewer + " lists sets " + listed + ", model " + modelled);
      Set<Long> awaiting =
          changes.listInvolving(viewer, null, true, null, 200).stream()
              .map(ChangeSet::id)
              .collect(Collectors.toSet());
      Set<Long> awaitingModel =
          openSets()
              .filter(s -> s.pendingParties().contains(viewer))
              .map(s -> s.id)
              .collect(Collectors.toSet());
      check(
          awaiting.equals(awaitingModel),
          viewer + " awaits sets " + awaiting + ", model " + awaitingModel);
    }

    /** The reason names the parties that did not answer. */
    private void expire(ModelSet c) {
      String waiting =
          c.pendingParties().stream().map(Nic::value).collect(Collectors.joining(", "));
      end(c, ChangeState.expired, Reason.of("reason.expired", waiting));
    }

    /** Ends the set: one audit row per item, and every member hears how it ended. */
    private void end(ModelSet c, ChangeState state, Reason reason) {
      c.state = state;
      c.record("change." + state.name(), c.items.size());
      c.reason = reason;
      c.nextReminderAt = null;
      MailKind kind =
          ENDINGS.entrySet().stream()
              .filter(e -> e.getValue() == state)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      c.members.keySet().forEach(nic -> expectMail(c.id, kind, nic));
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
      verifySets();
      verifyOneOpenClaimPerRole();
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
      // A done set moved every role of every item, unless a later done set moved it again.
      for (ModelSet c : model.values()) {
        if (c.state == ChangeState.done) {
          for (ModelItem item : c.items) {
            for (ContactRole role : item.roles()) {
              if (Objects.equals(lastMover.get(item.serviceId() + "/" + role), c.id)) {
                check(
                    contacts.get(item.serviceId()).holder(role).equals(item.to()),
                    c
                        + " is done but "
                        + role
                        + " of s"
                        + item.serviceId()
                        + " is not with "
                        + item.to());
              }
            }
          }
        }
      }
    }

    private void verifySets() {
      for (ModelSet m : model.values()) {
        ChangeSet c =
            changes.find(m.id).orElseThrow(() -> failure("set #" + m.id + " vanished", null));
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
        check(c.asker().equals(m.asker), "#" + m.id + " asked by " + c.asker());
        List<ModelItem> items =
            c.items().stream()
                .map(i -> new ModelItem(i.serviceId(), i.roles(), i.from(), i.to(), i.taskId()))
                .toList();
        check(
            c.complete() && new HashSet<>(items).equals(new HashSet<>(m.items)),
            "#" + m.id + " has items " + items + ", model " + m.items);
        check(
            c.members().size() == m.members.size()
                && m.members.entrySet().stream()
                    .allMatch(
                        e -> c.involves(e.getKey()) && c.mayCancel(e.getKey()) == e.getValue()),
            "#" + m.id + " has members " + c.members() + ", model " + m.members);
        check(c.expiresAt().equals(m.expiresAt), "#" + m.id + " expires at " + c.expiresAt());
        check(
            Objects.equals(c.nextReminderAt(), m.nextReminderAt),
            "#" + m.id + " next reminder " + c.nextReminderAt() + ", model " + m.nextReminderAt);
        check(
            (c.doneAt() != null) == m.state.isFinal(),
            "#" + m.id + " in " + c.state() + " has doneAt " + c.doneAt());
        verifyReason(m, c);
        verifyParties(m, c);
        verifyTrail(m);
      }
    }

    private void verifyReason(ModelSet m, ChangeSet c) {
      if (m.isOpen()) {
        check(c.reason() == null, "open #" + m.id + " has a reason " + c.reason());
      } else if (m.reason != null && m.state == ChangeState.expired) {
        // the waiting parties, in no particular order
        check(
            c.reason() != null
                && c.reason().key().equals(m.reason.key())
                && waiting(c.reason()).equals(waiting(m.reason)),
            "#" + m.id + " reason " + c.reason() + ", model " + m.reason);
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

    private Set<String> waiting(Reason reason) {
      String first = reason.args().isEmpty() ? "" : reason.args().get(0).toString();
      return first.isEmpty() ? Set.of() : Set.of(first.split(", "));
    }

    /**
     * Party status, failures and codes: a pending party's code is void once the set has ended; a
     * used code is kept (to recognise a repeated acceptance) and never works again.
     */
    private void verifyParties(ModelSet m, ChangeSet c) {
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
        boolean kept = m.isOpen() || mp.status != PartyStatus.pending;
        String digest = kept ? ConfirmationCode.digestOf(mp.code) : null;
        check(Objects.equals(p.codeDigest(), digest), where + "stored code is not the model's");
      }
    }

    /** The audit rows of the set, in order, are the model's; the states they name never go back. */
    private void verifyTrail(ModelSet m) {
      List<String> trail = audit.forChange(m.id).stream().map(AuditEntry::action).toList();
      check(trail.equals(m.trail), "#" + m.id + " audit trail " + trail + ", model " + m.trail);
      List<ChangeState> states =
          trail.stream()
              .filter(a -> a.startsWith("change."))
              .flatMap(a -> ChangeState.parse(a.substring("change.".length())).stream())
              .toList();
      for (int i = 1; i < states.size(); i++) {
        check(
            rank(states.get(i)) >= rank(states.get(i - 1))
                && (states.get(i - 1).isOpen() || states.get(i) == states.get(i - 1)),
            "#" + m.id + " audit trail goes back: " + states);
      }
    }

    /** At most one open claim per (service, role), and the claims are the model's. */
    private void verifyOneOpenClaimPerRole() {
      String finals =
          Arrays.stream(ChangeState.values())
              .filter(ChangeState::isFinal)
              .map(s -> "'" + s.name() + "'")
              .collect(Collectors.joining(", "));
      Map<String, List<Long>> open = new TreeMap<>();
      jdbc.sql(
              "select c.id, c.service_id, c.roles from contact_changes c"
                  + " join change_sets s on s.id = c.set_id where s.state not in ("
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
          (key, ids) -> check(ids.size() == 1, "service/role " + key + " has open tasks " + ids));
      Map<String, Long> modelled = new TreeMap<>();
      openSets()
          .forEach(
              c ->
                  c.items.forEach(
                      i ->
                          i.roles()
                              .forEach(r -> modelled.put(i.serviceId() + "/" + r, i.taskId()))));
      Map<String, Long> mine = new TreeMap<>();
      open.forEach(
          (key, ids) -> {
            if (contacts.containsKey(Long.parseLong(key.substring(0, key.indexOf('/'))))) {
              mine.put(key, ids.get(0));
            }
          });
      check(mine.equals(modelled), "open tasks by role " + mine + ", model " + modelled);
      Map<String, List<Long>> claims = new TreeMap<>();
      jdbc.sql("select service_id, role, change_id from open_role_claims")
          .query(
              (rs, n) -> {
                if (contacts.containsKey(rs.getLong(1))) {
                  claims
                      .computeIfAbsent(
                          rs.getLong(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                      .add(rs.getLong(3));
                }
                return null;
              })
          .list();
      Map<String, Long> single = new TreeMap<>();
      claims.forEach(
          (key, ids) -> {
            check(ids.size() == 1, "service/role " + key + " has claims " + ids);
            single.put(key, ids.get(0));
          });
      check(single.equals(modelled), "open role claims " + single + ", model " + modelled);
    }

    /**
     * Every event wrote exactly its outbox rows, one per person per set and step, and nothing else
     * was written.
     */
    private void verifyMail() {
      List<OutboxMessage> all = outbox.after(lastMailId);
      all.forEach(m -> lastMailId = Math.max(lastMailId, m.id()));
      verifyDebtNotices(all.stream().filter(m -> m.kind() == MailKind.DEBT_NOTICE).toList());
      List<OutboxMessage> written =
          all.stream().filter(m -> m.kind() != MailKind.DEBT_NOTICE).toList();
      List<String> actual =
          written.stream()
              .map(m -> "#" + m.changeId() + " " + m.kind() + " to " + m.recipientNic())
              .sorted()
              .toList();
      List<String> expected = expectedMail.stream().sorted().toList();
      check(actual.equals(expected), "outbox rows " + actual + ", model " + expected);
      Set<String> perPerson = new HashSet<>();
      for (OutboxMessage m : written) {
        check(
            perPerson.add(m.changeId() + " " + m.recipientNic()),
            "#" + m.changeId() + " wrote two emails to " + m.recipientNic() + " in one step");
        check(
            Objects.equals(
                String.valueOf(m.payload().get("changeId")), String.valueOf(m.changeId())),
            "outbox row " + m.id() + " speaks of set " + m.payload().get("changeId"));
        ModelSet c = model.get(m.changeId());
        check(c != null, "outbox row " + m.id() + " names set #" + m.changeId() + " (not a set)");
        if (ENDINGS.containsKey(m.kind())) {
          check(
              c.state.name().equals(m.payload().get("state")) && ENDINGS.get(m.kind()) == c.state,
              "outbox row " + m.id() + " " + m.kind() + " says " + m.payload().get("state"));
        }
        if (m.kind() == MailKind.CHANGE_CODE || m.kind() == MailKind.CHANGE_CODE_RESENT) {
          ModelParty p = c.party(new Nic(m.recipientNic()));
          check(
              p != null && sameCode(String.valueOf(m.payload().get("code")), p.code),
              "outbox row " + m.id() + " carries a code that is not the party's");
        } else {
          check(m.payload().get("code") == null, "outbox row " + m.id() + " carries a code");
        }
      }
      expectedMail.clear();
    }

    /** Debt notices go only to candidates of this step, at most one each, and to every one due. */
    private void verifyDebtNotices(List<OutboxMessage> notices) {
      Set<Nic> told = new HashSet<>();
      for (OutboxMessage m : notices) {
        Nic to = new Nic(m.recipientNic());
        check(m.changeId() == null, "debt notice " + m.id() + " names a set");
        check(debtNoticeAllowed.contains(to), "debt notice to " + to + ", not a candidate");
        check(told.add(to), "two debt notices to " + to + " in one step");
        lastDebtNotice.put(to, clock.instant());
        count(debtNoticeRequired.contains(to) ? "debt notice (named)" : "debt notice (left out)");
      }
      check(
          told.containsAll(debtNoticeRequired),
          "debt notices to " + told + ", due to " + debtNoticeRequired);
      debtNoticeAllowed.clear();
      debtNoticeRequired.clear();
    }

    /**
     * Each account sees exactly the tasks of the sets it is a member of, and waits for exactly the
     * open sets it has not answered yet.
     */
    private void verifyVisibility() {
      for (Nic nic : accounts) {
        Set<Long> listed = new HashSet<>(changes.taskIdsInvolving(nic, null, null, null));
        Set<Long> modelled =
            model.values().stream()
                .filter(c -> c.involves(nic))
                .flatMap(c -> c.items.stream().map(ModelItem::taskId))
                .collect(Collectors.toSet());
        check(listed.equals(modelled), nic + " sees tasks " + listed + ", model " + modelled);
        long awaiting =
            openSets()
                .filter(c -> c.state == ChangeState.validatingByCustomers)
                .filter(c -> c.pendingParties().contains(nic))
                .count();
        int counted = changes.awaitingCount(nic);
        check(counted == awaiting, nic + " awaits " + counted + " sets, model " + awaiting);
      }
    }

    private Map<String, Long> summary() {
      Map<String, Long> counts = new TreeMap<>();
      model.values().forEach(c -> counts.merge("ended " + c.state.name(), 1L, Long::sum));
      model.values().forEach(c -> counts.merge("items", (long) c.items.size(), Long::sum));
      counts.putAll(outcomes);
      return counts;
    }

    private void checkEverySetEnded() {
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
                + " "
                + Arrays.toString(e.args())
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
                + " "
                + Arrays.toString(e.args())
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
      if (result instanceof ChangeSet c) {
        return "#" + c.id() + " " + c.state() + " " + c.items();
      }
      if (result instanceof Optional<?> o) {
        return o.map(this::describe).orElse("no set");
      }
      return String.valueOf(result);
    }

    private String names(Collection<Class<? extends HandoverException>> classes) {
      return classes.stream().map(Class::getSimpleName).sorted().toList().toString();
    }

    private void count(String outcome) {
      outcomes.merge(outcome, 1L, Long::sum);
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

    private void expectMail(long setId, MailKind kind, Nic to) {
      expectedMail.add("#" + setId + " " + kind + " to " + to);
    }

    private Stream<ModelSet> openSets() {
      return model.values().stream().filter(ModelSet::isOpen);
    }

    /** Mostly an open set, sometimes any. */
    private ModelSet pickSet() {
      List<ModelSet> open = openSets().toList();
      return !open.isEmpty() && rnd.nextInt(10) < 8
          ? pick(open)
          : pick(new ArrayList<>(model.values()));
    }

    /** Mostly a party still awaited, sometimes another party, another member or anyone. */
    private Nic pickActor(ModelSet c) {
      int roll = rnd.nextInt(20);
      List<Nic> pending = c.pendingParties();
      if (roll < 14 && !pending.isEmpty()) {
        return pick(pending);
      } else if (roll < 17) {
        return pick(c.parties).nic;
      } else if (roll < 19) {
        return pick(new ArrayList<>(c.members.keySet()));
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

  /**
   * The refusal the model expects: a rule in {@code rules}, or, when no rule is broken, a conflict
   * naming one of the open sets in {@code conflicts}.
   */
  private record ModelRefusal(Set<String> rules, Set<Long> conflicts) {}
}
