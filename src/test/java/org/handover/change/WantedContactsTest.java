package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.contact.ContactRole.admin;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.contact.Contacts;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;

/** Wanted contacts as each channel sends them, parsed in one place. */
class WantedContactsTest {

  private static final Nic ME = new Nic("me100001-ovh");
  private static final Nic X = new Nic("xx100002-ovh");

  @Test
  void aFormAsksNothingForABlankFieldAndNamesEachBadValue() {
    Map<String, String> form = new HashMap<>();
    form.put("admin", " ");
    form.put("tech", " XX100002-OVH ");
    form.put("billing", "not an id");

    WantedContacts.Typed typed = WantedContacts.readForm(form, ME);

    assertThat(typed.wanted().byRole()).containsExactly(Map.entry(tech, X));
    assertThat(typed.text()).containsEntry(tech, "XX100002-OVH").doesNotContainKey(admin);
    assertThat(typed.refused()).containsOnlyKeys(billing);
    assertThat(typed.refused().get(billing)).isInstanceOf(Nic.InvalidNic.class);
  }

  @Test
  void assignToMeAsksTheRoleForTheSignedInAccount() {
    Map<String, String> form = Map.of("assignToMe", "tech", "tech", "xx100002-ovh");

    assertThat(WantedContacts.readForm(form, ME).wanted().byRole())
        .containsExactly(Map.entry(tech, ME));
  }

  @Test
  void aConfirmedFormRefusesItsFirstBadValue() {
    assertThatThrownBy(() -> WantedContacts.fromForm(Map.of("tech", "nope")))
        .isInstanceOf(Nic.InvalidNic.class);
    assertThat(WantedContacts.fromForm(Map.of("tech", "", "billing", "xx100002-ovh")).byRole())
        .containsExactly(Map.entry(billing, X));
  }

  @Test
  void theApiBodyNamesAnUnknownFieldAndAValueThatIsNotText() {
    assertThatThrownBy(() -> WantedContacts.fromApiBody(Map.of("contactOwner", "xx100002-ovh")))
        .isInstanceOf(WantedContacts.Invalid.class)
        .hasMessage(
            "contactOwner: not a field of this call; use contactAdmin, contactTech or"
                + " contactBilling");
    assertThatThrownBy(() -> WantedContacts.fromApiBody(Map.of("contactTech", 42)))
        .isInstanceOf(WantedContacts.Invalid.class)
        .hasMessage("contactTech: must be a customer ID as a string (e.g. aa123456-ovh), or null");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contactAdmin", null);
    body.put("contactTech", "xx100002-ovh");
    assertThat(WantedContacts.fromApiBody(body).byRole()).containsExactly(Map.entry(tech, X));
  }

  @Test
  void aBlankStringInTheApiBodyIsNotACustomerId() {
    assertThatThrownBy(() -> WantedContacts.fromApiBody(Map.of("contactTech", "")))
        .isInstanceOf(Nic.InvalidNic.class);
  }

  @Test
  void aBulkHandoverGivesOneContactEveryRoleNamed() {
    assertThat(WantedContacts.sameContact("xx100002-ovh", List.of("tech", "billing")).byRole())
        .containsExactly(Map.entry(tech, X), Map.entry(billing, X));
    assertThatThrownBy(() -> WantedContacts.sameContact("xx100002-ovh", List.of("owner")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WantedContacts.sameContact(" ", List.of("tech")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRoleAskedForItsHolderIsNoChange() {
    WantedContacts wanted = WantedContacts.of(Map.of(admin, ME, tech, X));

    assertThat(wanted.changesFrom(Contacts.allTo(ME)).byRole()).containsExactly(Map.entry(tech, X));
  }
}
