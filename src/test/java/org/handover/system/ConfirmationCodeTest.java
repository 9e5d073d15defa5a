package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Confirmation codes: strong, easy to type back, stored only as digests, never printed. */
class ConfirmationCodeTest {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final String SYMBOL = "[0-9A-HJKMNP-TV-Z]";

  @Test
  void holdsAtLeast128BitsAsSevenGroupsOfFourCrockfordSymbols() {
    String text = ConfirmationCode.generate().text();

    assertThat(text).matches(SYMBOL + "{4}(-" + SYMBOL + "{4}){6}");
    String symbols = text.replace("-", "");
    assertThat(symbols).hasSize(28);
    assertThat(symbols.length() * 5).isGreaterThanOrEqualTo(128);
  }

  @Test
  void drawsFromTheWholeAlphabet() {
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      for (char c : ConfirmationCode.generate().text().replace("-", "").toCharArray()) {
        seen.add(c);
      }
    }

    assertThat(seen).hasSize(ALPHABET.length());
  }

  @Test
  void twoCodesDiffer() {
    Set<String> texts = new HashSet<>();
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ConfirmationCode code = ConfirmationCode.generate();
      texts.add(code.text());
      digests.add(code.digest());
    }

    assertThat(texts).hasSize(1_000);
    assertThat(digests).hasSize(1_000);
  }

  @Test
  void digestIsSha256HexAndNotTheCode() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(code.digest()).matches("[0-9a-f]{64}");
    assertThat(code.digest()).isEqualTo(code.digest());
    assertThat(code.digest()).isNotEqualTo(code.text());
    assertThat(ConfirmationCode.digestOf(code.text())).isEqualTo(code.digest());
  }

  @Test
  void matchesItsOwnCode() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(ConfirmationCode.matches(code.text(), code.digest())).isTrue();
  }

  @Test
  void toleratesLowercaseSpacesAndMissingDashes() {
    ConfirmationCode code = ConfirmationCode.generate();
    String digest = code.digest();

    assertThat(ConfirmationCode.matches(code.text().toLowerCase(), digest)).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace("-", ""), digest)).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace("-", " "), digest)).isTrue();
    assertThat(ConfirmationCode.matches("  " + code.text() + " \t", digest)).isTrue();
  }

  @Test
  void readsLetterOAsZeroAndLettersIAndLAsOne() {
    ConfirmationCode code = generateUntil(t -> t.contains("0") && t.contains("1"));
    String digest = code.digest();

    assertThat(ConfirmationCode.matches(code.text().replace('0', 'O'), digest)).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace('0', 'o'), digest)).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace('1', 'I'), digest)).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace('1', 'l'), digest)).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace('1', 'L'), digest)).isTrue();
  }

  @Test
  void rejectsAnotherCode() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(ConfirmationCode.matches(ConfirmationCode.generate().text(), code.digest()))
        .isFalse();
  }

  @Test
  void rejectsACodeWithOneSymbolChanged() {
    ConfirmationCode code = ConfirmationCode.generate();
    char first = code.text().charAt(0);
    char other = first == 'Z' ? 'Y' : 'Z';

    assertThat(ConfirmationCode.matches(other + code.text().substring(1), code.digest())).isFalse();
  }

  @Test
  void rejectsATruncatedCode() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(ConfirmationCode.matches(code.text().substring(0, 33), code.digest())).isFalse();
  }

  @Test
  void rejectsNullAndEmptyInput() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(ConfirmationCode.matches(null, code.digest())).isFalse();
    assertThat(ConfirmationCode.matches("", code.digest())).isFalse();
    assertThat(ConfirmationCode.matches("   ", code.digest())).isFalse();
    assertThat(ConfirmationCode.matches(code.text(), null)).isFalse();
  }

  @Test
  void rejectsHugeInputWithoutFailing() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(ConfirmationCode.matches(code.text() + "A".repeat(100_000), code.digest()))
        .isFalse();
    assertThat(ConfirmationCode.matches(code.text().repeat(10_000), code.digest())).isFalse();
    assertThat(ConfirmationCode.matches("Z".repeat(1_000_000), code.digest())).isFalse();
  }

  @Test
  void acceptsWhatCopyingFromAnEmailBringsAlong() {
    ConfirmationCode code = ConfirmationCode.generate();

    assertThat(ConfirmationCode.matches(code.text() + "\n", code.digest())).isTrue();
    assertThat(ConfirmationCode.matches(" " + code.text() + "\r\n", code.digest())).isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace('-', '\u2013'), code.digest()))
        .isTrue();
    assertThat(ConfirmationCode.matches(code.text().replace("-", "\u00a0"), code.digest()))
        .isTrue();
  }

  @Test
  void aCorruptStoredDigestMatchesNothing() {
    assertThat(ConfirmationCode.matches("ABCD", "not-hex")).isFalse();
  }

  @Test
  void neverRevealsTheCodeWhenPrinted() {
    ConfirmationCode code = ConfirmationCode.generate();
    String printed = code.toString();

    assertThat(printed).doesNotContain(code.text());
    for (String group : code.text().split("-")) {
      assertThat(printed).doesNotContain(group);
    }
    assertThat(printed).doesNotContain(code.digest());
  }

  private static ConfirmationCode generateUntil(Predicate<String> wanted) {
    for (int i = 0; i < 10_000; i++) {
      ConfirmationCode code = ConfirmationCode.generate();
      if (wanted.test(code.text())) {
        return code;
      }
    }
    throw new AssertionError("no code with the wanted symbols in 10,000 draws");
  }
}
