package org.handover.staff.web;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;
import org.handover.system.HandoverException;

/**
 * An overdue amount as staff type it, in the currency's units ({@code 12.50}, {@code 12,50}, {@code
 * 12}), turned into the minor units stored ({@code 1250} cents); never more decimals than the
 * currency has (none for yen).
 */
final class DebtAmount {

  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}([.,]\\d{1,4})?");

  private DebtAmount() {}

  /** The amount in minor units; refused, naming the field, when it is no such amount. */
  static long minorUnits(String typed, String currency) {
    String amount = typed == null ? "" : typed.strip();
    if (!AMOUNT.matcher(amount).matches()) {
      throw new Invalid();
    }
    BigDecimal value = new BigDecimal(amount.replace(',', '.'));
    int digits = fractionDigits(currency);
    if (value.scale() > digits) {
      throw new Invalid();
    }
    return value.movePointRight(digits).longValueExact();
  }

  /** The currency's decimals; 2 for a code Java does not know (the code is checked elsewhere). */
  static int fractionDigits(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (RuntimeException unknown) {
      return 2;
    }
  }

  /**
   * The amount shown in the form: minor units back in the currency's units, as the page writes
   * numbers.
   */
  static String typed(long minorUnits, String currency, Locale locale) {
    String plain = BigDecimal.valueOf(minorUnits, fractionDigits(currency)).toPlainString();
    return plain.replace('.', DecimalFormatSymbols.getInstance(locale).getDecimalSeparator());
  }

  /** Not an amount of 0 or more with at most the currency's decimals. */
  static final class Invalid extends HandoverException {
    Invalid() {
      super(Kind.BAD_REQUEST, "console.account.amountInvalid");
    }
  }
}
