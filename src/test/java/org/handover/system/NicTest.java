package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.handover.system.HandoverException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Customer IDs: two letters, 4 to 8 digits, a dash and a suffix; always stored lowercase. */
class NicTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aa1234-ovh",
        "aa12345-ovh",
        "aa123456-ovh",
        "zz12345678-ovh",
        "xy000000-ovh",
        "ab123456-x",
        "ab123456-eu2",
        "ab123456-abcdefghijklmnop"
      })
  void acceptsWellFormedCustomerIds(String input) {
    Nic nic = Nic.parse(input);

    assertThat(nic.value()).isEqualTo(input);
    assertThat(Nic.isValid(input)).isTrue();
  }

  @Test
  void trimsAndLowercasesInput() {
    Nic nic = Nic.parse("  AB123456-OVH \t\n");

    assertThat(nic.value()).isEqualTo("ab123456-ovh");
    assertThat(nic).isEqualTo(new Nic("ab123456-ovh"));
    assertThat(Nic.isValid(" Ab123456-Ovh ")).isTrue();
  }

  @Test
  void lowercasesTheSameWayWhateverTheMachineLanguage() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));

      assertThat(Nic.parse("IT123456-OVHI").value()).isEqualTo("it123456-ovhi");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void storedValuesAreLowercaseOnly() {
    assertThatThrownBy(() -> new Nic("AB123456-OVH")).isInstanceOf(Nic.InvalidNic.class);
  }

  @Test
  void exposesTheSuffix() {
    assertThat(Nic.parse("ab123456-ovh").suffix()).isEqualTo("ovh");
    assertThat(Nic.parse("ab1234-eu2").suffix()).isEqualTo("eu2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab123-ovh",
        "ab123456789-ovh",
        "ab123456",
        "ab123456-",
        "a123456-ovh",
        "abc123456-ovh",
        "12123456-ovh",
        "ab 123456-ovh",
        "ab123456_ovh",
        "ab123456--ovh",
        "ab123456-ovh-x",
        "ab123456-1ovh",
        "ab123456-abcdefghijklmnopq",
        "ab123456-ovh'; drop table account; --",
        "ab123456-ovh' or '1'='1",
        "<script>alert(1)</script>",
        "ab123456-<b>",
        "ab123456-ovh\"",
        "ab123456-ovh&x",
        "ab123456-ovh%",
        "àb123456-ovh",
        "ab١٢٣٤٥٦-ovh",
        "   "
      })
  void rejectsMalformedCustomerIds(String input) {
    assertThatThrownBy(() -> Nic.parse(input)).isInstanceOf(Nic.InvalidNic.class);
    assertThat(Nic.isValid(input)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectsMissingInput(String input) {
    assertThatThrownBy(() -> Nic.parse(input)).isInstanceOf(Nic.InvalidNic.class);
    assertThatThrownBy(() -> new Nic(input)).isInstanceOf(Nic.InvalidNic.class);
    assertThat(Nic.isValid(input)).isFalse();
  }

  @Test
  void refusalIsABadRequestNamingTheInput() {
    Nic.InvalidNic refusal = catchInvalid("zz99-ovh");

    assertThat(refusal.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(refusal.messageKey()).isEqualTo("account.nic.invalid");
    assertThat(refusal.getMessage()).contains("zz99-ovh").contains("aa123456-ovh");
    assertThat(refusal.message(Locale.ITALIAN))
        .contains("zz99-ovh")
        .isNotEqualTo(refusal.getMessage());
    assertThat(refusal.message(Locale.FRENCH))
        .contains("zz99-ovh")
        .isNotEqualTo(refusal.getMessage());
  }

  @Test
  void refusalShortensHugeInput() {
    String huge = "x".repeat(10_000);

    Nic.InvalidNic refusal = catchInvalid(huge);

    assertThat(refusal.getMessage()).doesNotContain(huge).contains("x".repeat(40) + "…");
    assertThat(refusal.getMessage().length()).isLessThan(300);
  }

  @Test
  void ordersByValue() {
    assertThat(Nic.parse("aa1234-ovh")).isLessThan(Nic.parse("ab1234-ovh"));
  }

  private static Nic.InvalidNic catchInvalid(String input) {
    try {
      Nic.parse(input);
    } catch (Nic.InvalidNic refusal) {
      return refusal;
    }
    throw new AssertionError("expected " + input + " to be refused");
  }
}
