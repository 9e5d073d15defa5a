package org.handover.reassignment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who counts as the same staff member for the four-eyes rule, without Spring. */
class CaseStaffTest {

  private static final String IDP = "staff:https://idp.example/realms/staff#";

  @Test
  void theSamePersonIsKnownByIdentityWhateverNameTheyGoBy() {
    CaseStaff opener = new CaseStaff(IDP + "7f3a", "sam");
    assertThat(new CaseStaff(IDP + "7f3a", "sue").samePersonAs(opener)).isTrue();
    assertThat(new CaseStaff(IDP + "91c2", "sam").samePersonAs(opener)).isFalse();
    assertThat(new CaseStaff("staff:https://other.example#7f3a", "sam").samePersonAs(opener))
        .as("the same sub from another issuer is another person")
        .isFalse();
  }

  @Test
  void aCaseOpenedBeforeIdentitiesWereRecordedKnowsItsOpenerByNameOnly() {
    CaseStaff legacy = new CaseStaff("staff:sam", "sam");
    assertThat(new CaseStaff(IDP + "7f3a", "sam").samePersonAs(legacy)).isTrue();
    assertThat(new CaseStaff(IDP + "91c2", "sue").samePersonAs(legacy)).isFalse();
    assertThat(new CaseStaff("staff:sam", null).samePersonAs(legacy)).isTrue();
  }
}
