package org.handover.owner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handover.catalog.DomainOwner;
import org.handover.owner.OwnerErrors.OwnerChangeEnded;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;

/**
 * A change of a domain's registrant asked by its administrator. The current and the new registrant
 * each confirm with their own single-use code (one registrant, one code, when the email stays the
 * same); both accepting applies it, either refusing ends it, and it expires at its deadline or is
 * cancelled. A wrong code is counted against the registrant it was presented for, and after the
 * limit that code is void.
 */
public final class OwnerChange {

  /** What a registrant's answer led to. */
  enum Outcome {
    /** Wrong, voided or used code: nothing changed but the failure count. */
    WRONG_CODE,
    /** Accepted; the other registrant is still awaited. */
    WAITING,
    /** Every registrant has accepted: time to apply. */
    ALL_ACCEPTED,
    /** Refused: the change has ended. */
    REFUSED
  }

  /** One registrant who must confirm, and their answer so far. */
  public static final class Party {
    private final Registrant registrant;
    private final String email;
    private String codeDigest;
    private int codeFailures;
    private PartyAnswer status;
    private Instant answeredAt;
    private String reason;

    Party(
        Registrant registrant,
        String email,
        String codeDigest,
        int codeFailures,
        PartyAnswer status,
        Instant answeredAt,
        String reason) {
      this.registrant = registrant;
      this.email = email;
      this.codeDigest = codeDigest;
      this.codeFailures = codeFailures;
      this.status = status;
      this.answeredAt = answeredAt;
      this.reason = reason;
    }

    public Registrant registrant() {
      return registrant;
    }

    public String email() {
      return email;
    }

    public PartyAnswer status() {
      return status;
    }

    public Instant answeredAt() {
      return answeredAt;
    }

    public String reason() {
      return reason;
    }

    String codeDigest() {
      return codeDigest;
    }

    int codeFailures() {
      return codeFailures;
    }
  }

  /** A registrant's answer. */
  public enum PartyAnswer {
    pending,
    accepted,
    refused
  }

  private final long id;
  private final long serviceId;
  private final String domain;
  private final Nic askedBy;
  private final DomainOwner before;
  private final DomainOwner after;
  private final Instant requestedAt;
  private final Instant expiresAt;
  private final List<Party> parties;
  private final List<OwnerEvent> events = new ArrayList<>();
  private OwnerChangeState state;
  private Instant endedAt;
  private String endReason;

  OwnerChange(
      long id,
      long serviceId,
      String domain,
      Nic askedBy,
      DomainOwner before,
      DomainOwner after,
      OwnerChangeState state,
      Instant requestedAt,
      Instant expiresAt,
      Instant endedAt,
      String endReason,
      List<Party> parties) {
    this.id = id;
    this.serviceId = serviceId;
    this.domain = domain;
    this.askedBy = askedBy;
    this.before = before;
    this.after = after;
    this.state = state;
    this.requestedAt = requestedAt;
    this.expiresAt = expiresAt;
    this.endedAt = endedAt;
    this.endReason = endReason;
    this.parties = List.copyOf(parties);
  }

  /** Who must confirm a change from {@code before} to {@code after}: one party per email. */
  static List<Registrant> partiesFor(DomainOwner before, DomainOwner after) {
    return before.sameEmail(after)
        ? List.of(Registrant.current)
        : List.of(Registrant.current, Registrant.incoming);
  }

  /** The change was just asked: each registrant is to be sent their link and code. */
  void requested(List<OwnerEvent.Code> codes) {
    events.add(new OwnerEvent.Requested(List.copyOf(codes)));
  }

  /** What happened since the last call, oldest first; the list is emptied. */
  List<OwnerEvent> drainEvents() {
    List<OwnerEvent> drained = List.copyOf(events);
    events.clear();
    return drained;
  }

  /**
   * A registrant answers with their code. A wrong code (or one voided after {@code maxFailures}
   * misses, or already used) is counted and changes nothing else.
   */
  Outcome answer(
      Registrant who, String code, boolean accept, String why, Instant now, int maxFailures) {
    requireOpen(now);
    Party party = party(who).orElseThrow(OwnerErrors.WrongOwnerCode::new);
    if (party.status != PartyAnswer.pending) {
      // the code was consumed by the answer: presenting it again is a used code
      party.codeFailures++;
      return Outcome.WRONG_CODE;
    }
    if (party.codeDigest == null
        || party.codeFailures >= maxFailures
        || !ConfirmationCode.matches(code, party.codeDigest)) {
      party.codeFailures++;
      return Outcome.WRONG_CODE;
    }
    party.codeDigest = null;
    party.answeredAt = now;
    if (!accept) {
      party.status = PartyAnswer.refused;
      party.reason = why;
      end(OwnerChangeState.refused, why, now);
      events.add(new OwnerEvent.Refused(who));
      return Outcome.REFUSED;
    }
    party.status = PartyAnswer.accepted;
    events.add(new OwnerEvent.Confirmed(who));
    return parties.stream().allMatch(p -> p.status == PartyAnswer.accepted)
        ? Outcome.ALL_ACCEPTED
        : Outcome.WAITING;
  }

  /** Both registrants accepted and the owner record was replaced (no transfer lock). */
  void applied(Instant now) {
    applied(now, null);
  }

  /** Both registrants accepted and the owner record was replaced, locked until the given time. */
  void applied(Instant now, Instant transferLockedUntil) {
    if (state != OwnerChangeState.open
        || !parties.stream().allMatch(p -> p.status == PartyAnswer.accepted)) {
      throw new OwnerChangeEnded(id, state);
    }
    end(OwnerChangeState.applied, null, now);
    events.add(new OwnerEvent.Applied(transferLockedUntil));
  }

  /** The administrator cancels, or an operator aborts, an open change. */
  void cancel(String why, Instant now) {
    if (!state.isOpen()) {
      throw new OwnerChangeEnded(id, state);
    }
    end(OwnerChangeState.cancelled, why, now);
    events.add(new OwnerEvent.Cancelled(why));
  }

  /** Nobody (or only one registrant) answered by the deadline. */
  void expire(Instant now) {
    if (!isPastExpiry(now)) {
      throw new OwnerChangeEnded(id, state);
    }
    end(OwnerChangeState.expired, null, now);
    events.add(new OwnerEvent.Expired());
  }

  boolean isPastExpiry(Instant now) {
    return state.isOpen() && !expiresAt.isAfter(now);
  }

  private void requireOpen(Instant now) {
    if (!state.isOpen() || !expiresAt.isAfter(now)) {
      throw new OwnerChangeEnded(id, state.isOpen() ? OwnerChangeState.expired : state);
    }
  }

  private void end(OwnerChangeState to, String why, Instant now) {
    state = to;
    endedAt = now;
    endReason = why;
    for (Party p : parties) {
      p.codeDigest = null;
    }
  }

  public Optional<Party> party(Registrant who) {
    return parties.stream().filter(p -> p.registrant == who).findFirst();
  }

  public long id() {
    return id;
  }

  public long serviceId() {
    return serviceId;
  }

  public String domain() {
    return domain;
  }

  public Nic askedBy() {
    return askedBy;
  }

  /** The registrant on record when the change was asked (name, organisation, email). */
  public DomainOwner before() {
    return before;
  }

  /** The owner record that replaces it once both have confirmed. */
  public DomainOwner after() {
    return after;
  }

  public OwnerChangeState state() {
    return state;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant endedAt() {
    return endedAt;
  }

  public String endReason() {
    return endReason;
  }

  public List<Party> parties() {
    return parties;
  }
}
