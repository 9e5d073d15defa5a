package org.handover.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.handover.catalog.ServiceType;
import org.handover.contact.AccountFacts;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.contact.PolicyViolation;
import org.handover.contact.StandingCheck;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision function as a table, without Spring: roles × actions × policies × expiry ×
 * suspension × deny/except. Each row names the asking account's place, the policies reaching it,
 * the action and the expected answer.
 */
class AccessRulesTest {

  private static final Nic ADMIN = Nic.parse("aa100001-ovh");
  private static final Nic TECH = Nic.parse("bb200002-ovh");
  private static final Nic BILLING = Nic.parse("cc300003-ovh");
  private static final Nic FRIEND = Nic.parse("dd400004-ovh");
  private static final Nic OTHER = Nic.parse("ee500005-ovh");
  private static final Contacts CONTACTS = new Contacts(ADMIN, TECH, BILLING);
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static final String READ = "domain:apiovh:get";
  private static final String RECORD = "domain:apiovh:zone/record/create";
  private static final String DELETE_RECORD = "domain:apiovh:zone/record/delete";
  private static final String AUTH_INFO = "domain:apiovh:authInfo/get";
  private static final String RENEW = "domain:apiovh:serviceInfos/edit";
  private static final String CHANGE_CONTACT = "domain:apiovh:changeContact";
  private static final String TERMINATE = "domain:apiovh:terminate";

  private final AccessRules rules = new AccessRules(new ActionCatalogue(AccessSettings.defaults()));

  /** A policy reaching the asking account: owner, allow, except, deny, expiry. */
  record P(
      String id,
      Nic owner,
      List<String> allow,
      List<String> except,
      List<String> deny,
      Instant expires) {
    Grant grant() {
      return new Grant(
          id, owner, new Permissions(parse(allow), parse(except), parse(deny)), expires);
    }
  }

  static P allow(String id, String... actions) {
    return new P(id, ADMIN, List.of(actions), List.of(), List.of(), null);
  }

  static List<ActionPattern> parse(List<String> texts) {
    return texts.stream().map(ActionPattern::parse).toList();
  }

  static Arguments row(
      String what, Nic who, boolean suspended, List<P> policies, String action, String expected) {
    return Arguments.of(what, who, suspended, policies, action, expected);
  }

  static Stream<Arguments> table() {
    P techWeek =
        new P(
            "p-week",
            ADMIN,
            List.of("domain:apiovh:zone/*"),
            List.of(),
            List.of(),
            NOW.plusSeconds(3600));
    P expired = new P("p-old", ADMIN, List.of("domain:apiovh:*"), List.of(), List.of(), NOW);
    P all = allow("p-all", "domain:apiovh:*");
    P allButDelete =
        new P(
            "p-except", ADMIN, List.of("domain:apiovh:*"), List.of(DELETE_RECORD), List.of(), null);
    P denyRecords =
        new P("p-deny", ADMIN, List.of(), List.of(), List.of("domain:apiovh:zone/record/*"), null);
    P byOldAdmin = new P("p-stale", OTHER, List.of("*"), List.of(), List.of(), null);
    return Stream.of(
        // roles
        row("admin may do everything", ADMIN, false, List.of(), AUTH_INFO, "role:admin"),
        row("admin renews", ADMIN, false, List.of(), RENEW, "role:admin"),
        row("tech reads", TECH, false, List.of(), READ, "role:tech"),
        row("tech operates", TECH, false, List.of(), RECORD, "role:tech"),
        row("tech does not manage", TECH, false, List.of(), AUTH_INFO, "denied:notGranted"),
        row("tech does not pay", TECH, false, List.of(), RENEW, "denied:notGranted"),
        row("billing reads", BILLING, false, List.of(), READ, "role:billing"),
        row("billing pays", BILLING, false, List.of(), RENEW, "role:billing"),
        row("billing does not operate", BILLING, false, List.of(), RECORD, "denied:notGranted"),
        row("a stranger gets nothing", FRIEND, false, List.of(), READ, "denied:notGranted"),
        // asking a contact change: the rules table's (ChangePolicy), where the vocabularies meet
        row("admin asks contact changes", ADMIN, false, List.of(), CHANGE_CONTACT, "role:admin"),
        row(
            "tech asks a change of its own role",
            TECH,
            false,
            List.of(),
            CHANGE_CONTACT,
            "role:tech"),
        row(
            "billing asks a change of its own role",
            BILLING,
            false,
            List.of(),
            CHANGE_CONTACT,
            "role:billing"),
        row(
            "no policy makes a non-contact ask contact changes",
            FRIEND,
            false,
            List.of(all),
            CHANGE_CONTACT,
            "denied:notGranted"),
        row(
            "the same policy grants other management",
            FRIEND,
            false,
            List.of(all),
            TERMINATE,
            "policy:p-all"),
        row("tech does not terminate", TECH, false, List.of(), TERMINATE, "denied:notGranted"),
        // actions
        row(
            "unknown action",
            ADMIN,
            false,
            List.of(),
            "domain:apiovh:nothing",
            "denied:unknownAction"),
        row(
            "another type's action",
            ADMIN,
            false,
            List.of(),
            "vps:apiovh:reboot",
            "denied:unknownAction"),
        // policies
        row("a policy allows", FRIEND, false, List.of(all), RECORD, "policy:p-all"),
        row("a glob allows within", FRIEND, false, List.of(techWeek), RECORD, "policy:p-week"),
        row(
            "a glob stops at its prefix",
            FRIEND,
            false,
            List.of(techWeek),
            READ,
            "denied:notGranted"),
        row(
            "except takes back",
            FRIEND,
            false,
            List.of(allButDelete),
            DELETE_RECORD,
            "denied:notGranted"),
        row(
            "except leaves the rest",
            FRIEND,
            false,
            List.of(allButDelete),
            RECORD,
            "policy:p-except"),
        row(
            "deny beats another allow",
            FRIEND,
            false,
            List.of(all, denyRecords),
            RECORD,
            "denied:deniedByPolicy"),
        row(
            "deny leaves other actions",
            FRIEND,
            false,
            List.of(all, denyRecords),
            READ,
            "policy:p-all"),
        row(
            "deny does not take a role away",
            TECH,
            false,
            List.of(denyRecords),
            RECORD,
            "role:tech"),
        row("a policy adds to a role", TECH, false, List.of(all), AUTH_INFO, "policy:p-all"),
        // expiry
        row("expired at its instant", FRIEND, false, List.of(expired), READ, "denied:notGranted"),
        row(
            "before expiry it counts",
            FRIEND,
            false,
            List.of(techWeek),
            DELETE_RECORD,
            "policy:p-week"),
        row(
            "an expired deny no longer refuses",
            FRIEND,
            false,
            List.of(
                all,
                new P(
                    "p-deny-old", ADMIN, List.of(), List.of(), List.of("*"), NOW.minusSeconds(1))),
            READ,
            "policy:p-all"),
        // owner no longer administrator
        row(
            "a former admin's policy counts for nothing",
            FRIEND,
            false,
            List.of(byOldAdmin),
            READ,
            "denied:notGranted"),
        // suspension
        row("suspended admin is allowed nothing", ADMIN, true, List.of(), READ, "denied:suspended"),
        row(
            "suspended grantee is allowed nothing",
            FRIEND,
            true,
            List.of(all),
            READ,
            "denied:suspended"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(
      String what, Nic who, boolean suspended, List<P> policies, String action, String expected) {
    AccessFacts facts =
        new AccessFacts(
            ServiceType.domain,
            CONTACTS,
            suspended ? AccessFacts.IdentityState.suspended : AccessFacts.IdentityState.active,
            true,
            policies.stream().map(P::grant).toList());

    assertThat(show(rules.decide(who, action, facts, NOW))).as(what).isEqualTo(expected);
  }

  /**
   * Where the two vocabularies meet, they agree: the authorization answer for asking a contact
   * change is yes exactly for the accounts the rules table lets ask one (each for its own role, the
   * administrator for any), whatever policy reaches them.
   */
  @Test
  void askingAContactChangeIsAllowedExactlyWhereTheRulesTableAllowsIt() {
    ChangePolicy table = new ChangePolicy(StandingCheck.billing);
    Nic newcomer = Nic.parse("ff600006-ovh");
    ChangePolicy.AccountLookup accounts = nic -> Optional.of(new AccountFacts(nic, true, true));
    AccessFacts facts =
        new AccessFacts(
            ServiceType.domain,
            CONTACTS,
            AccessFacts.IdentityState.active,
            true,
            List.of(allow("p-all", "*").grant()));
    for (Nic asker : List.of(ADMIN, TECH, BILLING, FRIEND)) {
      ContactRole own = CONTACTS.rolesOf(asker).stream().findFirst().orElse(ContactRole.tech);
      boolean tableAllows;
      try {
        table.plan(asker, "example.com", CONTACTS, Map.of(own, newcomer), accounts);
        tableAllows = true;
      } catch (PolicyViolation refused) {
        tableAllows = false;
      }
      assertThat(rules.decide(asker, CHANGE_CONTACT, facts, NOW).allowed())
          .as("%s asking a change of the %s role", asker, own)
          .isEqualTo(tableAllows);
    }
  }

  @Test
  void aSuspendedAdministratorsPoliciesGrantNothing() {
    AccessFacts facts =
        new AccessFacts(
            ServiceType.domain,
            CONTACTS,
            AccessFacts.IdentityState.active,
            false,
            List.of(allow("p-all", "*").grant()));

    assertThat(show(rules.decide(FRIEND, READ, facts, NOW))).isEqualTo("denied:notGranted");
  }

  @Test
  void unknownAccountsAndServicesAreRefusedByName() {
    AccessFacts noAccount = new AccessFacts(ServiceType.domain, CONTACTS, null, true, List.of());
    AccessFacts noService =
        new AccessFacts(
            ServiceType.domain, null, AccessFacts.IdentityState.active, false, List.of());

    assertThat(show(rules.decide(FRIEND, READ, noAccount, NOW)))
        .isEqualTo("denied:unknownIdentity");
    assertThat(show(rules.decide(FRIEND, READ, noService, NOW)))
        .isEqualTo("denied:unknownResource");
  }

  @Test
  void theRoleTableIsConfigurable() {
    AccessSettings settings =
        new AccessSettings(null, null, Map.of(ContactRole.tech, List.of(AccessCategory.READ)));
    AccessRules narrow = new AccessRules(new ActionCatalogue(settings));
    AccessFacts facts =
        new AccessFacts(
            ServiceType.domain, CONTACTS, AccessFacts.IdentityState.active, true, List.of());

    assertThat(show(narrow.decide(TECH, READ, facts, NOW))).isEqualTo("role:tech");
    assertThat(show(narrow.decide(TECH, RECORD, facts, NOW))).isEqualTo("denied:notGranted");
  }

  @Test
  void theCatalogueIsConfigurablePerType() {
    AccessSettings settings =
        new AccessSettings(
            null,
            Map.of(
                "domain", Map.of(AccessCategory.OPERATE, List.of("domain:apiovh:dnssec/enable"))),
            null);
    ActionCatalogue catalogue = new ActionCatalogue(settings);
    AccessRules custom = new AccessRules(catalogue);
    AccessFacts facts =
        new AccessFacts(
            ServiceType.domain, CONTACTS, AccessFacts.IdentityState.active, true, List.of());

    assertThat(show(custom.decide(TECH, "domain:apiovh:dnssec/enable", facts, NOW)))
        .isEqualTo("role:tech");
    assertThat(show(custom.decide(ADMIN, READ, facts, NOW))).isEqualTo("denied:unknownAction");
    assertThat(catalogue.actions(ServiceType.vps)).isNotEmpty();
  }

  @Test
  void aConfiguredActionMustBelongToItsType() {
    AccessSettings settings =
        new AccessSettings(
            null, Map.of("vps", Map.of(AccessCategory.READ, List.of("domain:apiovh:get"))), null);

    assertThatThrownBy(() -> new ActionCatalogue(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handover.access.actions.vps");
  }

  @Test
  void anUnknownTypeOrRegionIsRefusedAtStart() {
    assertThatThrownBy(() -> new AccessSettings(null, Map.of("boat", Map.of()), null))
        .hasMessageContaining("no such service type");
    assertThatThrownBy(() -> new AccessSettings("EU West", null, null))
        .hasMessageContaining("handover.access.region");
  }

  private static String show(Decision d) {
    List<String> parts = new ArrayList<>();
    if (d.allowed()) {
      parts.add(d.role() != null ? "role:" + d.role() : "policy:" + d.policy());
    } else {
      parts.add("denied:" + d.denied());
    }
    return String.join(",", parts);
  }
}
