package org.handover.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.handover.system.Actor;
import org.handover.system.InsertPart;
import org.handover.system.IpAddresses;
import org.handover.system.JointInsert;
import org.handover.system.Nic;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Each customer's security log: what happened to their account's access, with the client address
 * and browser of the request that did it (none for background jobs). One door, {@link #record},
 * used by every feature; lines are kept for {@code handover.security.log-retention}.
 */
@Component
public class SecurityLog {

  /** Lines a page shows. */
  public static final int PAGE = 50;

  /**
   * How the event happened: sign-in method and second factor, who did it (a code, and the technical
   * identity when not the customer), why or how (a code and the number it refers to), and a name
   * the customer typed.
   */
  public record Details(
      String method,
      String factor,
      SecurityActor actor,
      String by,
      SecurityReason reason,
      Long ref,
      String detail) {

    /** The customer did it, with nothing more to say. */
    public static Details none() {
      return new Details(null, null, SecurityActor.customer, null, null, null, null);
    }

    /** This actor did it: a staff member is recorded by name, the operator API by its caller. */
    public static Details by(Actor actor) {
      SecurityActor kind = SecurityActor.of(actor);
      String who =
          switch (kind) {
            case staff -> STAFF + actor.name();
            case operator -> actor.id();
            default -> null;
          };
      return new Details(null, null, kind, who, null, null, null);
    }

    /** The provider's sign-in service (its identity provider) did it. */
    public static Details provider() {
      return new Details(null, null, SecurityActor.provider, "provider", null, null, null);
    }

    /** The customer did it, for this reason. */
    public static Details because(SecurityReason reason) {
      return none().with(reason, null);
    }

    /** The customer did it, for this reason about this number (a change set, a key, a count). */
    public static Details because(SecurityReason reason, long ref) {
      return none().with(reason, ref);
    }

    /** The customer did it; a name they typed (a second factor's) or a free text. */
    public static Details detail(String detail) {
      return none().withDetail(detail);
    }

    /** A sign-in (or step-up) by the customer with this method and second factor (may be null). */
    public static Details signIn(String method, String factor) {
      return new Details(method, factor, SecurityActor.customer, null, null, null, null);
    }

    public Details withDetail(String text) {
      return new Details(method, factor, actor, by, reason, ref, text);
    }

    public Details with(SecurityReason why, Long number) {
      return new Details(method, factor, actor, by, why, number, detail);
    }
  }

  /** How a staff member's name is recorded as the technical identity of who did it. */
  public static final String STAFF = "staff:";

  /** A page of lines, newest first; {@code nextBefore} is the cursor of the next page, or null. */
  public record Page(List<SecurityEntry> entries, Long nextBefore) {}

  private final SecurityLogRepository repository;
  private final Browsers browsers;
  private final Clock clock;
  private final SecurityLogSettings settings;
  private final TransactionTemplate readOnly;
  private final JointInsert joint;

  SecurityLog(
      SecurityLogRepository repository,
      Browsers browsers,
      Clock clock,
      SecurityLogSettings settings,
      PlatformTransactionManager transactions,
      JointInsert joint) {
    this.joint = joint;
    this.repository = repository;
    this.browsers = browsers;
    this.clock = clock;
    this.settings = settings;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** Appends a line to the account's log, in the caller's transaction if there is one. */
  public void record(Nic account, SecurityEvent event, Details details) {
    joint.run(lines(account, event, List.of(details)));
  }

  /**
   * The insert of lines of the account's log (one per details, all of one event), to run with the
   * other inserts of a step ({@link JointInsert}), in its transaction.
   */
  public InsertPart lines(Nic account, SecurityEvent event, List<Details> details) {
    String address = null;
    Browsers.Recognised browser = Browsers.Recognised.NOTHING;
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      address = IpAddresses.shown(request.getRemoteAddr());
      browser = browsers.recognise(request.getHeader("User-Agent"));
    }
    return repository.lines(account, clock.instant(), event, details, address, browser);
  }

  /**
   * A page of the account's log, newest first, older than the {@code before} line (or the newest).
   */
  public Page page(Nic account, Long before) {
    List<SecurityEntry> lines = repository.page(account, before, PAGE + 1);
    if (lines.size() <= PAGE) {
      return new Page(lines, null);
    }
    List<SecurityEntry> shown = lines.subList(0, PAGE);
    return new Page(List.copyOf(shown), shown.get(PAGE - 1).id());
  }

  /** Hands every line of the account's log to {@code sink}, newest first, a few at a time. */
  public void export(Nic account, Consumer<SecurityEntry> sink) {
    readOnly.executeWithoutResult(s -> repository.each(account, sink));
  }

  /** Forgets lines older than the retention. */
  @Scheduled(
      fixedDelayString = "${handover.security.log-purge-interval:PT1H}",
      initialDelayString = "PT1M")
  public int purge() {
    return repository.purgeBefore(clock.instant().minus(settings.logRetention()));
  }
}
