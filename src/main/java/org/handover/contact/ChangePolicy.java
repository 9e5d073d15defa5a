package org.handover.contact;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.handover.system.HandoverException;
import org.handover.system.HandoverException.Kind;
import org.handover.system.Nic;

/**
 * The rules table of DESIGN §2, in one place: who may move which contact roles of a service to
 * whom. Each rule is one small named check that throws a {@link PolicyViolation} with its own
 * message. The web UI and the API both call this class; nothing else re-implements a rule.
 */
public final class ChangePolicy {

  /**
   * Asking a contact change, in the access vocabulary ({@code <type>:apiovh:changeContact}, the
   * reference's action for {@code POST /<type>/{name}/changeContact}): every contact of a service
   * may take it — the administrator for every role, the others for their own role only, as {@link
   * #plan} checks — and nobody else. Delegated access decides the other actions; this one stays
   * with the roles, so an authorization answer never says yes where this table says no.
   */
  public static final String ASK_CONTACT_CHANGE = "changeContact";

  /** Looks accounts up by customer ID; empty when no such account exists. */
  public interface AccountLookup extends Function<Nic, Optional<AccountFacts>> {}

  private final StandingCheck standingCheck;

  public ChangePolicy(StandingCheck standingCheck) {
    this.standingCheck = standingCheck;
  }

  /**
   * Checks a requested edit of a service's contacts and splits it into one planned request per
   * (current holder, new contact) pair.
   */
  public List<PlannedChange> plan(
      Nic requester,
      String service,
      Contacts current,
      Map<ContactRole, Nic> wanted,
      AccountLookup accounts) {
    requesterIsActive(requester, accounts);
    somethingIsRequested(wanted);
    requesterHoldsARole(requester, service, current);
    for (var entry : wanted.entrySet()) {
      ContactRole role = entry.getKey();
      Nic to = entry.getValue();
      onlyAdminChangesAdmin(requester, service, current, role);
      othersHandOverOnlyTheirOwnRole(requester, service, current, role);
      newContactExists(to, accounts);
      newContactIsActive(to, accounts);
      newContactConfirmedItsEmail(to, accounts);
      newContactDiffersFromHolder(to, service, current, role);
      standingAllowsChange(role, current.holder(role), to, service, accounts);
    }
    return group(requester, current, wanted);
  }

  /**
   * Re-checks a request against current data before it is applied: the replaced contact still holds
   * every role, and the asker may still make the change.
   */
  public void recheck(
      PlannedChange change, String service, Contacts current, AccountLookup accounts) {
    for (ContactRole role : change.roles()) {
      roleIsStillHeld(change.from(), role, service, current);
    }
    Map<ContactRole, Nic> wanted = new LinkedHashMap<>();
    change.roles().forEach(role -> wanted.put(role, change.to()));
    plan(change.asker(), service, current, wanted, accounts);
  }

  /**
   * Checks a reassignment that support makes on a contact's behalf (no customer asks, so the
   * asker's rules do not apply): the replaced contact still holds the role, the new contact exists,
   * is active, has confirmed its email and differs from the holder, and the standing rule allows
   * it. Used when a case is opened and again just before it is applied.
   */
  public void checkAssisted(
      ContactRole role,
      Nic from,
      Nic to,
      String service,
      Contacts current,
      AccountLookup accounts) {
    roleIsStillHeld(from, role, service, current);
    newContactExists(to, accounts);
    newContactIsActive(to, accounts);
    newContactConfirmedItsEmail(to, accounts);
    newContactDiffersFromHolder(to, service, current, role);
    standingAllowsChange(role, from, to, service, accounts);
  }

  /** The roles the requester may hand over (or, as admin, reassign) on this service. */
  public Set<ContactRole> changeableRoles(Nic requester, Contacts current) {
    Set<ContactRole> held = current.rolesOf(requester);
    if (held.contains(ContactRole.admin)) {
      return EnumSet.allOf(ContactRole.class);
    }
    return held.isEmpty() ? EnumSet.noneOf(ContactRole.class) : EnumSet.copyOf(held);
  }

  /** Only the administrator may edit the owner (registrant) information of a domain. */
  public void onlyAdminEditsOwner(Nic requester, String service, Contacts current) {
    if (!current.admin().equals(requester)) {
      throw new PolicyViolation("onlyAdminEditsOwner", Kind.FORBIDDEN, requester, service);
    }
  }

  /**
   * Whether the standing rule blocks moving this role away from its holder, given the mode; used by
   * the UI to lock a field before anything is submitted.
   */
  public boolean standingBlocks(ContactRole role, Nic holder, AccountLookup accounts) {
    return appliesTo(role)
        && !accounts.apply(holder).map(AccountFacts::inGoodStanding).orElse(true);
  }

  /** Who a payment-standing refusal is about: the indebted account, the role and the service. */
  public record StandingRefusal(Nic indebted, ContactRole role, String service) {}

  /** The payment-standing refusal {@code refusal} is, if it is one. */
  public static Optional<StandingRefusal> standingRefusal(HandoverException refusal) {
    if (refusal instanceof PolicyViolation v
        && (v.rule().equals("currentContactInGoodStanding")
            || v.rule().equals("newContactInGoodStanding"))) {
      Object[] args = v.args();
      return Optional.of(
          new StandingRefusal((Nic) args[0], (ContactRole) args[1], String.valueOf(args[2])));
    }
    return Optional.empty();
  }

  // ---- the rules -------------------------------------------------------------------------

  void requesterIsActive(Nic requester, AccountLookup accounts) {
    if (!accounts.apply(requester).map(AccountFacts::active).orElse(false)) {
      throw new PolicyViolation("requesterIsActive", Kind.FORBIDDEN, requester);
    }
  }

  void somethingIsRequested(Map<ContactRole, Nic> wanted) {
    if (wanted.isEmpty()) {
      throw new PolicyViolation("somethingIsRequested", Kind.BAD_REQUEST);
    }
  }

  void requesterHoldsARole(Nic requester, String service, Contacts current) {
    if (current.rolesOf(requester).isEmpty()) {
      throw new PolicyViolation("requesterHoldsARole", Kind.FORBIDDEN, requester, service);
    }
  }

  void onlyAdminChangesAdmin(Nic requester, String service, Contacts current, ContactRole role) {
    if (role == ContactRole.admin && !current.admin().equals(requester)) {
      throw new PolicyViolation("onlyAdminChangesAdmin", Kind.FORBIDDEN, requester, service);
    }
  }

  void othersHandOverOnlyTheirOwnRole(
      Nic requester, String service, Contacts current, ContactRole role) {
    if (!current.admin().equals(requester) && !current.holder(role).equals(requester)) {
      throw new PolicyViolation(
          "othersHandOverOnlyTheirOwnRole", Kind.FORBIDDEN, requester, role, service);
    }
  }

  void newContactExists(Nic to, AccountLookup accounts) {
    if (accounts.apply(to).isEmpty()) {
      throw new PolicyViolation("newContactExists", Kind.BAD_REQUEST, to);
    }
  }

  void newContactIsActive(Nic to, AccountLookup accounts) {
    if (!accounts.apply(to).map(AccountFacts::active).orElse(false)) {
      throw new PolicyViolation("newContactIsActive", Kind.BAD_REQUEST, to);
    }
  }

  void newContactConfirmedItsEmail(Nic to, AccountLookup accounts) {
    if (!accounts.apply(to).map(AccountFacts::emailConfirmed).orElse(true)) {
      throw new PolicyViolation("newContactConfirmedItsEmail", Kind.FORBIDDEN, to);
    }
  }

  void newContactDiffersFromHolder(Nic to, String service, Contacts current, ContactRole role) {
    if (current.holder(role).equals(to)) {
      throw new PolicyViolation("newContactDiffersFromHolder", Kind.BAD_REQUEST, to, role, service);
    }
  }

  void standingAllowsChange(
      ContactRole role, Nic from, Nic to, String service, AccountLookup accounts) {
    if (!appliesTo(role)) {
      return;
    }
    if (!accounts.apply(from).map(AccountFacts::inGoodStanding).orElse(true)) {
      throw new PolicyViolation(
          "currentContactInGoodStanding", Kind.FORBIDDEN, from, role, service);
    }
    if (!accounts.apply(to).map(AccountFacts::inGoodStanding).orElse(true)) {
      throw new PolicyViolation("newContactInGoodStanding", Kind.FORBIDDEN, to, role, service);
    }
  }

  void roleIsStillHeld(Nic from, ContactRole role, String service, Contacts current) {
    if (!current.holder(role).equals(from)) {
      throw new PolicyViolation("roleIsStillHeld", Kind.CONFLICT, from, role, service);
    }
  }

  private boolean appliesTo(ContactRole role) {
    return standingCheck == StandingCheck.all || role == ContactRole.billing;
  }

  /** One planned request per (current holder, new contact) pair, roles in declaration order. */
  private static List<PlannedChange> group(
      Nic requester, Contacts current, Map<ContactRole, Nic> wanted) {
    Map<List<Nic>, Set<ContactRole>> byPair = new LinkedHashMap<>();
    for (ContactRole role : ContactRole.values()) {
      Nic to = wanted.get(role);
      if (to != null) {
        byPair
            .computeIfAbsent(
                List.of(current.holder(role), to), k -> EnumSet.noneOf(ContactRole.class))
            .add(role);
      }
    }
    List<PlannedChange> plans = new ArrayList<>();
    byPair.forEach(
        (pair, roles) -> plans.add(new PlannedChange(pair.get(0), pair.get(1), roles, requester)));
    return plans;
  }
}
