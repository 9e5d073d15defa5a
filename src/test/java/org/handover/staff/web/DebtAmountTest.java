package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** An overdue amount typed in the currency's units, stored in its minor units. */
class DebtAmountTest {

  @Test
  void anAmountIsReadInTheCurrencysUnits() {
    assertThat(DebtAmount.minorUnits("12.50", "EUR")).isEqualTo(1250);
    assertThat(DebtAmount.minorUnits(" 12,5 ", "EUR")).isEqualTo(1250);
    assertThat(DebtAmount.minorUnits("12", "USD")).isEqualTo(1200);
    assertThat(DebtAmount.minorUnits("0", "EUR")).isZero();
    assertThat(DebtAmount.minorUnits("1500", "JPY")).isEqualTo(1500);
    assertThat(DebtAmount.minorUnits("1.234", "TND")).isEqualTo(1234);
    assertThat(DebtAmount.typed(1250, "EUR", Locale.ENGLISH)).isEqualTo("12.50");
    assertThat(DebtAmount.typed(1250, "EUR", Locale.ITALIAN)).isEqualTo("12,50");
    assertThat(DebtAmount.typed(1500, "JPY", Locale.GERMAN)).isEqualTo("1500");
  }

  @Test
  void anythingElseIsRefusedNamingTheField() {
    for (String typed : new String[] {"", "-1", "12.505", "1e3", "12.5.0", "abc", "15.5"}) {
      String currency = typed.equals("15.5") ? "JPY" : "EUR";
      assertThatThrownBy(() -> DebtAmount.minorUnits(typed, currency))
          .as(typed)
          .isInstanceOf(DebtAmount.Invalid.class)
          .hasMessageStartingWith("Overdue debt:");
    }
  }
}
