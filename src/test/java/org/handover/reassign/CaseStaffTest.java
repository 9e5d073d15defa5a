package org.handover.reassign;

import static org.assertj.core.api.Assertions.assertThat;

import org.handover.reassign.ReassignmentCase.Staff;
import org.junit.jupiter.api.Test;

/** Who counts as the same staff member for the four-eyes rule, without Spring. */
class CaseStaffTest {

  private static final String IDP = "staff:https://idp.example/realms/staff#";

  @Test
  void theSamePersonIsKnownByIdentityWhateverNameTheyGoBy() {
    Staff opener = new Staff(IDP + "7f3a", "sam");
    assertThat(new Staff(IDP + "7f3a", "sue").samePersonAs(opener)).isTrue();
    assertThat(new Staff(IDP + "91c2", "sam").samePersonAs(opener)).isFalse();
    assertThat(new Staff("staff:https://other.example#7f3a", "sam").samePersonAs(opener))
        .as("the same sub from another issuer is another person")
        .isFalse();
  }

  @Test
  void aCaseOpenedBeforeIdentitiesWereRecordedKnowsItsOpenerByNameOnly() {
    Staff legacy = new Staff("staff:sam", "sam");
    assertThat(new Staff(IDP + "7f3a", "sam").samePersonAs(legacy)).isTrue();
    assertThat(new Staff(IDP + "91c2", "sue").samePersonAs(legacy)).isFalse();
    assertThat(new Staff("staff:sam", null).samePersonAs(legacy)).isTrue();
  }
}
