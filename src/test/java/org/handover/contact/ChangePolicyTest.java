package org.handover.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.handover.contact.ContactRole.admin;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.handover.system.HandoverException.Kind;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules table of DESIGN §2, row by row, and every refusal with its own rule and message. */
class ChangePolicyTest {

  private static final Nic ADMIN = new Nic("ad100001-ovh");
  private static final Nic TECH = new Nic("te100002-ovh");
  private static final Nic BILLING = new Nic("bi100003-ovh");
  private static final Nic NEWCOMER = new Nic("ne100004-ovh");
  private static final Nic OTHER = new Nic("ot100005-ovh");
  private static final Nic STRANGER = new Nic("st100006-ovh");
  private static final Nic UNKNOWN = new Nic("un100007-ovh");
  private static final String SERVICE = "example.com";

  /** Admin, tech and billing held by three different accounts. */
  private static final Contacts SPLIT = new Contacts(ADMIN, TECH, BILLING);

  private static final Map<Locale, Properties> BUNDLES =
      Map.of(
          Locale.ENGLISH, bundle("messages.properties"),
          Locale.ITALIAN, bundle("messages_it.properties"),
          Locale.FRENCH, bundle("messages_fr.properties"));

  private final Map<Nic, AccountFacts> facts = new HashMap<>();
  private final ChangePolicy.AccountLookup accounts = nic -> Optional.ofNullable(facts.get(nic));
  private final ChangePolicy policy = new ChangePolicy(StandingCheck.billing);
  private final ChangePolicy strictPolicy = new ChangePolicy(StandingCheck.all);

  @BeforeEach
  void everyKnownAccountIsActiveAndPaidUp() {
    for (Nic nic : List.of(ADMIN, TECH, BILLING, NEWCOMER, OTHER, STRANGER)) {
      facts.put(nic, new AccountFacts(nic, true, true));
    }
  }

  // ---- the rows of the table that allow a change -------------------------------------------

  @Test
  void adminHandsTechAndBillingToAnotherAccountConfirmedByBoth() {
    List<PlannedChange> plans =
        plan(ADMIN, Contacts.allTo(ADMIN), Map.of(tech, NEWCOMER, billing, NEWCOMER));

    assertThat(plans)
        .containsExactly(new PlannedChange(ADMIN, NEWCOMER, Set.of(tech, billing), ADMIN));
    assertThat(plans.get(0).parties()).containsExactly(ADMIN, NEWCOMER);
    assertThat(plans.get(0).fromIsInformedOnly()).isFalse();
  }

  @Test
  void adminHandsTechHeldBySomeoneElseToAnotherAccount() {
    List<PlannedChange> plans = plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER));

    assertThat(plans).containsExactly(new PlannedChange(TECH, NEWCOMER, Set.of(tech), ADMIN));
    assertThat(plans.get(0).parties()).containsExactly(ADMIN, NEWCOMER);
    assertThat(plans.get(0).fromIsInformedOnly()).isTrue();
  }

  @Test
  void adminHandsBillingHeldBySomeoneElseToAnotherAccount() {
    List<PlannedChange> plans = plan(ADMIN, SPLIT, Map.of(billing, NEWCOMER));

    assertThat(plans).containsExactly(new PlannedChange(BILLING, NEWCOMER, Set.of(billing), ADMIN));
    assertThat(plans.get(0).parties()).containsExactly(ADMIN, NEWCOMER);
  }

  @Test
  void adminAssigningTechAndBillingToItselfConfirmsAlone() {
    List<PlannedChange> plans = plan(ADMIN, SPLIT, Map.of(tech, ADMIN, billing, ADMIN));

    assertThat(plans)
        .containsExactly(
            new PlannedChange(TECH, ADMIN, Set.of(tech), ADMIN),
            new PlannedChange(BILLING, ADMIN, Set.of(billing), ADMIN));
    assertThat(plans).allSatisfy(p -> assertThat(p.parties()).containsExactly(ADMIN));
    assertThat(plans).allSatisfy(p -> assertThat(p.fromIsInformedOnly()).isTrue());
  }

  @Test
  void adminAppointsANewAdminAndStepsDown() {
    List<PlannedChange> plans = plan(ADMIN, SPLIT, Map.of(admin, NEWCOMER));

    assertThat(plans).containsExactly(new PlannedChange(ADMIN, NEWCOMER, Set.of(admin), ADMIN));
    assertThat(plans.get(0).parties()).containsExactly(ADMIN, NEWCOMER);
  }

  @Test
  void techWhoIsNotAdminHandsTechOver() {
    List<PlannedChange> plans = plan(TECH, SPLIT, Map.of(tech, NEWCOMER));

    assertThat(plans).containsExactly(new PlannedChange(TECH, NEWCOMER, Set.of(tech), TECH));
    assertThat(plans.get(0).parties()).containsExactly(TECH, NEWCOMER);
  }

  @Test
  void billingWhoIsNotAdminHandsBillingOver() {
    List<PlannedChange> plans = plan(BILLING, SPLIT, Map.of(billing, NEWCOMER));

    assertThat(plans)
        .containsExactly(new PlannedChange(BILLING, NEWCOMER, Set.of(billing), BILLING));
    assertThat(plans.get(0).parties()).containsExactly(BILLING, NEWCOMER);
  }

  @Test
  void holderOfTechAndBillingButNotAdminHandsBothInOneRequest() {
    List<PlannedChange> plans =
        plan(OTHER, new Contacts(ADMIN, OTHER, OTHER), Map.of(tech, NEWCOMER, billing, NEWCOMER));

    assertThat(plans)
        .containsExactly(new PlannedChange(OTHER, NEWCOMER, Set.of(tech, billing), OTHER));
    assertThat(plans.get(0).parties()).containsExactly(OTHER, NEWCOMER);
  }

  // ---- refusals ----------------------------------------------------------------------------

  @Test
  void refusesAStrangerToTheService() {
    assertRefused(
        () -> plan(STRANGER, SPLIT, Map.of(tech, NEWCOMER)),
        "requesterHoldsARole",
        STRANGER.value(),
        SERVICE);
  }

  @Test
  void refusesASuspendedRequester() {
    suspend(ADMIN);

    assertRefused(
        () -> plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER)), "requesterIsActive", ADMIN.value());
  }

  @Test
  void refusesAnEmptyRequest() {
    assertRefused(() -> plan(ADMIN, SPLIT, Map.of()), "somethingIsRequested");
  }

  @Test
  void refusesTechAppointingANewAdmin() {
    assertRefused(
        () -> plan(TECH, SPLIT, Map.of(admin, NEWCOMER)),
        "onlyAdminChangesAdmin",
        TECH.value(),
        SERVICE);
  }

  @Test
  void refusesBillingAppointingANewAdmin() {
    assertRefused(
        () -> plan(BILLING, SPLIT, Map.of(admin, BILLING)),
        "onlyAdminChangesAdmin",
        BILLING.value(),
        SERVICE);
  }

  @Test
  void refusesTechChangingBilling() {
    PolicyViolation refusal =
        assertRefused(
            () -> plan(TECH, SPLIT, Map.of(billing, NEWCOMER)),
            "othersHandOverOnlyTheirOwnRole",
            TECH.value(),
            SERVICE);
    assertThat(refusal.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(refusal.getMessage()).contains("billing");
    assertThat(refusal.message(Locale.ITALIAN)).contains("fatturazione");
    assertThat(refusal.message(Locale.FRENCH)).contains("facturation");
  }

  @Test
  void refusesBillingChangingTech() {
    PolicyViolation refusal =
        assertRefused(
            () -> plan(BILLING, SPLIT, Map.of(tech, NEWCOMER)),
            "othersHandOverOnlyTheirOwnRole",
            BILLING.value(),
            SERVICE);
    assertThat(refusal.getMessage()).contains("technical");
  }

  @Test
  void refusesTechTakingBillingForItself() {
    assertRefused(
        () -> plan(TECH, SPLIT, Map.of(billing, TECH)),
        "othersHandOverOnlyTheirOwnRole",
        TECH.value(),
        SERVICE);
  }

  @Test
  void refusesTheWholeEditWhenOneRoleIsNotTheRequesters() {
    assertRefused(
        () -> plan(TECH, SPLIT, Map.of(tech, NEWCOMER, billing, NEWCOMER)),
        "othersHandOverOnlyTheirOwnRole",
        TECH.value(),
        SERVICE);
  }

  @Test
  void refusesAnUnknownNewContactNamingTheCustomerId() {
    PolicyViolation refusal =
        assertRefused(
            () -> plan(ADMIN, SPLIT, Map.of(tech, UNKNOWN)), "newContactExists", UNKNOWN.value());
    assertThat(refusal.kind()).isEqualTo(Kind.BAD_REQUEST);
  }

  @Test
  void refusesASuspendedNewContact() {
    suspend(NEWCOMER);

    assertRefused(
        () -> plan(ADMIN, SPLIT, Map.of(billing, NEWCOMER)),
        "newContactIsActive",
        NEWCOMER.value());
  }

  @Test
  void refusesANewContactWhoseEmailAddressIsNotConfirmed() {
    AccountFacts was = facts.get(NEWCOMER);
    facts.put(NEWCOMER, new AccountFacts(NEWCOMER, true, true, false));

    assertRefused(
        () -> plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER)),
        "newContactConfirmedItsEmail",
        NEWCOMER.value());
    facts.put(NEWCOMER, was);
    assertThat(plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER))).hasSize(1);
  }

  @Test
  void refusesDesignatingTheCurrentHolder() {
    PolicyViolation refusal =
        assertRefused(
            () -> plan(ADMIN, SPLIT, Map.of(tech, TECH)),
            "newContactDiffersFromHolder",
            TECH.value(),
            SERVICE);
    assertThat(refusal.getMessage()).contains("technical");
  }

  @Test
  void refusesAdminReappointingItself() {
    assertRefused(
        () -> plan(ADMIN, SPLIT, Map.of(admin, ADMIN)),
        "newContactDiffersFromHolder",
        ADMIN.value(),
        SERVICE);
  }

  @Test
  void refusesTechHandingTechToItself() {
    assertRefused(
        () -> plan(TECH, SPLIT, Map.of(tech, TECH)),
        "newContactDiffersFromHolder",
        TECH.value(),
        SERVICE);
  }

  @Test
  void refusesMovingBillingAwayFromAContactInDebt() {
    putInDebt(BILLING);

    assertRefused(
        () -> plan(ADMIN, SPLIT, Map.of(billing, NEWCOMER)),
        "currentContactInGoodStanding",
        SERVICE);
    assertRefused(
        () -> plan(BILLING, SPLIT, Map.of(billing, NEWCOMER)),
        "currentContactInGoodStanding",
        SERVICE);
  }

  @Test
  void refusesANewBillingContactInDebt() {
    putInDebt(NEWCOMER);

    assertRefused(
        () -> plan(ADMIN, SPLIT, Map.of(billing, NEWCOMER)),
        "newContactInGoodStanding",
        NEWCOMER.value(),
        SERVICE);
  }

  @Test
  void standingModeBillingIgnoresDebtOnTechAndAdmin() {
    putInDebt(ADMIN);
    putInDebt(TECH);
    putInDebt(NEWCOMER);

    assertThat(plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER))).hasSize(1);
    assertThat(plan(ADMIN, SPLIT, Map.of(admin, NEWCOMER))).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ContactRole.class)
  void standingModeAllRefusesEveryRoleLeavingAContactInDebt(ContactRole role) {
    Nic holder = SPLIT.holder(role);
    putInDebt(holder);

    assertRefused(
        () -> strictPolicy.plan(ADMIN, SERVICE, SPLIT, Map.of(role, NEWCOMER), accounts),
        "currentContactInGoodStanding",
        SERVICE);
  }

  @ParameterizedTest
  @EnumSource(ContactRole.class)
  void standingModeAllRefusesEveryRoleGoingToAnAccountInDebt(ContactRole role) {
    putInDebt(NEWCOMER);

    assertRefused(
        () -> strictPolicy.plan(ADMIN, SERVICE, SPLIT, Map.of(role, NEWCOMER), accounts),
        "newContactInGoodStanding",
        NEWCOMER.value(),
        SERVICE);
  }

  @Test
  void standingModeAllAllowsAccountsInGoodStanding() {
    assertThat(strictPolicy.plan(ADMIN, SERVICE, SPLIT, Map.of(tech, NEWCOMER), accounts))
        .containsExactly(new PlannedChange(TECH, NEWCOMER, Set.of(tech), ADMIN));
  }

  // ---- one request per (fromAccount, toAccount) pair ---------------------------------------

  @Test
  void rolesOfOneHolderGoingToOneAccountShareOneRequest() {
    List<PlannedChange> plans =
        plan(
            ADMIN,
            Contacts.allTo(ADMIN),
            Map.of(admin, NEWCOMER, tech, NEWCOMER, billing, NEWCOMER));

    assertThat(plans)
        .containsExactly(
            new PlannedChange(ADMIN, NEWCOMER, EnumSet.allOf(ContactRole.class), ADMIN));
  }

  @Test
  void rolesOfDifferentHoldersMakeOneRequestEach() {
    Map<ContactRole, Nic> billingFirst = new LinkedHashMap<>();
    billingFirst.put(billing, NEWCOMER);
    billingFirst.put(tech, NEWCOMER);

    List<PlannedChange> plans = plan(ADMIN, SPLIT, billingFirst);

    assertThat(plans)
        .containsExactly(
            new PlannedChange(TECH, NEWCOMER, Set.of(tech), ADMIN),
            new PlannedChange(BILLING, NEWCOMER, Set.of(billing), ADMIN));
  }

  @Test
  void rolesOfOneHolderGoingToDifferentAccountsMakeOneRequestEach() {
    List<PlannedChange> plans =
        plan(ADMIN, Contacts.allTo(ADMIN), Map.of(tech, NEWCOMER, billing, OTHER));

    assertThat(plans)
        .containsExactly(
            new PlannedChange(ADMIN, NEWCOMER, Set.of(tech), ADMIN),
            new PlannedChange(ADMIN, OTHER, Set.of(billing), ADMIN));
  }

  @Test
  void sharedHolderIsGroupedWhileAnotherHolderGetsItsOwnRequest() {
    List<PlannedChange> plans =
        plan(
            ADMIN,
            new Contacts(ADMIN, OTHER, OTHER),
            Map.of(admin, NEWCOMER, tech, NEWCOMER, billing, NEWCOMER));

    assertThat(plans)
        .containsExactly(
            new PlannedChange(ADMIN, NEWCOMER, Set.of(admin), ADMIN),
            new PlannedChange(OTHER, NEWCOMER, Set.of(tech, billing), ADMIN));
  }

  // ---- the final re-check ------------------------------------------------------------------

  @Test
  void recheckPassesWhenNothingChanged() {
    PlannedChange planned = single(plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER)));

    assertThatCode(() -> policy.recheck(planned, SERVICE, SPLIT, accounts))
        .doesNotThrowAnyException();
  }

  @Test
  void recheckRefusesWhenTheReplacedContactNoLongerHoldsTheRole() {
    PlannedChange planned = single(plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER)));
    Contacts now = new Contacts(ADMIN, OTHER, BILLING);

    PolicyViolation refusal =
        assertRefused(
            () -> policy.recheck(planned, SERVICE, now, accounts),
            "roleIsStillHeld",
            TECH.value(),
            SERVICE);
    assertThat(refusal.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(refusal.getMessage()).contains("technical");
  }

  @Test
  void recheckRefusesWhenOneOfSeveralRolesMovedMeanwhile() {
    PlannedChange planned =
        single(
            plan(
                OTHER,
                new Contacts(ADMIN, OTHER, OTHER),
                Map.of(tech, NEWCOMER, billing, NEWCOMER)));
    Contacts now = new Contacts(ADMIN, OTHER, BILLING);

    PolicyViolation refusal =
        assertRefused(
            () -> policy.recheck(planned, SERVICE, now, accounts),
            "roleIsStillHeld",
            OTHER.value(),
            SERVICE);
    assertThat(refusal.getMessage()).contains("billing");
  }

  @Test
  void recheckRefusesAnAskerWhoIsNoLongerAdmin() {
    PlannedChange planned = single(plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER)));
    Contacts now = new Contacts(OTHER, TECH, BILLING);

    assertRefused(
        () -> policy.recheck(planned, SERVICE, now, accounts),
        "requesterHoldsARole",
        ADMIN.value(),
        SERVICE);
  }

  @Test
  void recheckRefusesAFormerAdminWhoStillHoldsAnotherRole() {
    PlannedChange planned = single(plan(ADMIN, SPLIT, Map.of(tech, NEWCOMER)));
    Contacts now = new Contacts(OTHER, TECH, ADMIN);

    assertRefused(
        () -> policy.recheck(planned, SERVICE, now, accounts),
        "othersHandOverOnlyTheirOwnRole",
        ADMIN.value(),
        SERVICE);
  }

  @Test
  void recheckRefusesANewBillingContactThatFellIntoDebt() {
    PlannedChange planned = single(plan(ADMIN, SPLIT, Map.of(billing, NEWCOMER)));
    putInDebt(NEWCOMER);

    assertRefused(
        () -> policy.recheck(planned, SERVICE, SPLIT, accounts),
        "newContactInGoodStanding",
        NEWCOMER.value(),
        SERVICE);
  }

  @Test
  void recheckRefusesAnOldBillingContactThatFellIntoDebt() {
    PlannedChange planned = single(plan(ADMIN, SPLIT, Map.of(billing, NEWCOMER)));
    putInDebt(BILLING);

    assertRefused(
        () -> policy.recheck(planned, SERVICE, SPLIT, accounts),
        "currentContactInGoodStanding",
        SERVICE);
  }

  @Test
  void recheckRefusesANewContactSuspendedMeanwhile() {
    PlannedChange planned = single(plan(TECH, SPLIT, Map.of(tech, NEWCOMER)));
    suspend(NEWCOMER);

    assertRefused(
        () -> policy.recheck(planned, SERVICE, SPLIT, accounts),
        "newContactIsActive",
        NEWCOMER.value());
  }

  @Test
  void recheckRefusesAnAskerSuspendedMeanwhile() {
    PlannedChange planned = single(plan(TECH, SPLIT, Map.of(tech, NEWCOMER)));
    suspend(TECH);

    assertRefused(
        () -> policy.recheck(planned, SERVICE, SPLIT, accounts), "requesterIsActive", TECH.value());
  }

  // ---- owner information, changeable roles, locked billing ---------------------------------

  @Test
  void onlyTheAdminEditsTheOwner() {
    assertThatCode(() -> policy.onlyAdminEditsOwner(ADMIN, SERVICE, SPLIT))
        .doesNotThrowAnyException();
    assertRefused(
        () -> policy.onlyAdminEditsOwner(TECH, SERVICE, SPLIT),
        "onlyAdminEditsOwner",
        TECH.value(),
        SERVICE);
    assertRefused(
        () -> policy.onlyAdminEditsOwner(STRANGER, SERVICE, SPLIT),
        "onlyAdminEditsOwner",
        STRANGER.value(),
        SERVICE);
  }

  @Test
  void adminMayChangeEveryRole() {
    assertThat(policy.changeableRoles(ADMIN, SPLIT))
        .containsExactlyInAnyOrder(admin, tech, billing);
  }

  @Test
  void othersMayChangeOnlyTheRolesTheyHold() {
    assertThat(policy.changeableRoles(TECH, SPLIT)).containsExactly(tech);
    assertThat(policy.changeableRoles(BILLING, SPLIT)).containsExactly(billing);
    assertThat(policy.changeableRoles(OTHER, new Contacts(ADMIN, OTHER, OTHER)))
        .containsExactlyInAnyOrder(tech, billing);
  }

  @Test
  void strangerMayChangeNothing() {
    assertThat(policy.changeableRoles(STRANGER, SPLIT)).isEmpty();
  }

  @Test
  void billingIsLockedWhileItsHolderIsInDebt() {
    putInDebt(BILLING);
    putInDebt(TECH);

    assertThat(policy.standingBlocks(billing, BILLING, accounts)).isTrue();
    assertThat(policy.standingBlocks(tech, TECH, accounts)).isFalse();
    assertThat(strictPolicy.standingBlocks(tech, TECH, accounts)).isTrue();
    assertThat(policy.standingBlocks(billing, ADMIN, accounts)).isFalse();
  }

  // ---- helpers -----------------------------------------------------------------------------

  private List<PlannedChange> plan(Nic requester, Contacts contacts, Map<ContactRole, Nic> wanted) {
    return policy.plan(requester, SERVICE, contacts, wanted, accounts);
  }

  private static PlannedChange single(List<PlannedChange> plans) {
    assertThat(plans).hasSize(1);
    return plans.get(0);
  }

  private void suspend(Nic nic) {
    facts.put(nic, new AccountFacts(nic, false, facts.get(nic).inGoodStanding()));
  }

  private void putInDebt(Nic nic) {
    facts.put(nic, new AccountFacts(nic, facts.get(nic).active(), false));
  }

  /**
   * Asserts the call is refused by the named rule, with a message key present in the English,
   * Italian and French bundles and a message that, in each language, names the given accounts and
   * service.
   */
  private static PolicyViolation assertRefused(
      ThrowingCallable call, String rule, String... names) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(PolicyViolation.class);
    PolicyViolation violation = (PolicyViolation) thrown;
    assertThat(violation.rule()).isEqualTo(rule);
    assertThat(violation.messageKey()).isEqualTo("policy." + rule);
    if (names.length > 0) {
      assertThat(violation.getMessage()).contains(names);
    }
    BUNDLES.forEach(
        (locale, bundle) -> {
          assertThat(bundle)
              .as("%s in %s", violation.messageKey(), locale)
              .containsKey(violation.messageKey());
          String message = violation.message(locale);
          assertThat(message).doesNotStartWith(violation.messageKey());
          assertThat(message).doesNotContain("{0}", "{1}", "{2}");
          if (names.length > 0) {
            assertThat(message).contains(names);
          }
        });
    assertThat(violation.message(Locale.ITALIAN)).isNotEqualTo(violation.message(Locale.ENGLISH));
    assertThat(violation.message(Locale.FRENCH)).isNotEqualTo(violation.message(Locale.ENGLISH));
    return violation;
  }

  private static Properties bundle(String name) {
    Properties properties = new Properties();
    try (InputStream in = ChangePolicyTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return properties;
  }
}
