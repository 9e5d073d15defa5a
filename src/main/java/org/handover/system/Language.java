package org.handover.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The languages Handover speaks to customers in: the one list the panel's language links, the
 * sign-up and profile choices, the operator API, the import, the database and the message bundles
 * (one {@code messages_<name>.properties} each, English being {@code messages.properties}) follow.
 */
public enum Language {
  en("English", "en_GB"),
  it("Italiano", "it_IT"),
  fr("Français", "fr_FR"),
  de("Deutsch", "de_DE"),
  es("Español", "es_ES");

  private final String nativeName;
  private final String referenceName;

  Language(String nativeName, String referenceName) {
    this.nativeName = nativeName;
    this.referenceName = referenceName;
  }

  /** The value the reference API's {@code /me} gives for it ({@code nichandle.LanguageEnum}). */
  public String referenceName() {
    return referenceName;
  }

  /** The language's name in itself, as language pickers show it. */
  public String nativeName() {
    return nativeName;
  }

  public Locale locale() {
    return Locale.forLanguageTag(name());
  }

  /** Every language's tag, for messages that name the accepted values: "en, it, fr, de, es". */
  public static String tags() {
    return Arrays.stream(values()).map(Language::name).collect(Collectors.joining(", "));
  }

  /** The language for a tag such as {@code fr-CA}; English when unknown. */
  public static Language of(String tag) {
    if (tag != null) {
      String primary = tag.strip().toLowerCase(Locale.ROOT);
      for (Language l : values()) {
        if (primary.equals(l.name()) || primary.startsWith(l.name() + "-")) {
          return l;
        }
      }
    }
    return en;
  }
}
