package org.handover.system;

import java.util.Locale;

/** The languages Handover speaks to customers in. */
public enum Language {
  en("English"),
  it("Italiano"),
  fr("Français");

  private final String nativeName;

  Language(String nativeName) {
    this.nativeName = nativeName;
  }

  /** The language's name in itself, as language pickers show it. */
  public String nativeName() {
    return nativeName;
  }

  public Locale locale() {
    return Locale.forLanguageTag(name());
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
