package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the owner form names its field as the form labels it, in the reader's language,
 * and says what to type, with the limit where there is one (never "the owner field phone").
 */
class OwnerRefusalsNameTheirFieldTest {

  private static final List<Locale> LANGUAGES =
      List.of(Locale.ENGLISH, Locale.ITALIAN, Locale.FRENCH, Locale.GERMAN, new Locale("es"));

  private static final DomainOwner GOOD =
      new DomainOwner("Ada Lovelace", null, "ada@example.org", "1 Main St", null, null, null);

  /** Each bad field, the owner it makes, and the message key of its label on the form. */
  private static final Map<String, DomainOwner> BAD =
      Map.of(
          "owner.name", with("x\ny", null, "ada@example.org", "1 Main St", null),
          "signup.email", with("Ada", null, "not an address", "1 Main St", null),
          "owner.address", with("Ada", null, "ada@example.org", " ", null),
          "signup.organisation", with("Ada", "line\nbreak", "ada@example.org", "1 Main St", null),
          "owner.phone", with("Ada", null, "ada@example.org", "1 Main St", "call me"));

  private static DomainOwner with(String name, String org, String email, String address, String p) {
    return new DomainOwner(name, org, email, address, p, null, null);
  }

  @Test
  void eachRefusalStartsWithTheFieldsLabelAndSaysWhatToType() {
    HostedServices.requireValidOwner(GOOD);
    BAD.forEach(
        (labelKey, owner) -> {
          HandoverException refused =
              catchThrowableOfType(
                  HandoverException.class, () -> HostedServices.requireValidOwner(owner));
          for (Locale locale : LANGUAGES) {
            String label = Messages.format(locale, labelKey).replaceAll("\\s*\\(.*\\)$", "");
            assertThat(refused.message(locale))
                .as(labelKey + " in " + locale)
                .startsWith(label)
                .doesNotContain("{")
                .doesNotContain("field " + labelKey.substring(labelKey.indexOf('.') + 1));
          }
        });
    assertThat(
            catchThrowableOfType(
                    HandoverException.class,
                    () -> HostedServices.requireValidOwner(BAD.get("owner.phone")))
                .message(Locale.ENGLISH))
        .contains("+33 1 23 45 67 89")
        .contains("40 characters");
  }
}
