package org.handover.account;

import java.util.Locale;

/** The languages Handover speaks to customers in. */
public enum Language {
  en,
  it,
  fr;

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
