package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.handover.system.TextRules;

/**
 * Reads the values of one row, collecting a specific problem for every field that is missing or
 * malformed; a field with a problem reads as null, so one pass finds every problem of the row.
 */
final class Fields {

  private final Row row;
  private final List<String> problems;

  Fields(Row row) {
    this.row = row;
    this.problems = new ArrayList<>(row.problems());
  }

  List<String> problems() {
    return problems;
  }

  boolean ok() {
    return problems.isEmpty();
  }

  /** The stripped text, or null after recording that it is missing or longer than {@code max}. */
  String text(String name, int max) {
    String value = row.values().get(name);
    if (value == null) {
      problems.add(Messages.english("import.field.required", name));
      return null;
    }
    return limited(name, value, max);
  }

  /** The stripped text, null when absent. */
  String optionalText(String name, int max) {
    String value = row.values().get(name);
    return value == null ? null : limited(name, value, max);
  }

  private String limited(String name, String value, int max) {
    if (value.length() > max) {
      problems.add(Messages.english("import.field.tooLong", name, max));
      return null;
    }
    if (!TextRules.isSingleLine(value, max)) {
      problems.add(Messages.english("import.field.characters", name));
      return null;
    }
    return value;
  }

  /** A customer ID, parsed as {@link Nic#parse} does; {@code fallback} when absent, if given. */
  Nic nic(String name, Nic fallback) {
    String value = row.values().get(name);
    if (value == null) {
      if (fallback == null) {
        problems.add(Messages.english("import.field.required", name));
      }
      return fallback;
    }
    if (!Nic.isValid(value)) {
      problems.add(Messages.english("import.nic.invalid", name, shorten(value)));
      return null;
    }
    return Nic.parse(value);
  }

  /** A value matching the pattern, else a problem with the given message key. */
  String matching(String name, Pattern pattern, String fallback, String messageKey) {
    String value = row.values().get(name);
    if (value == null) {
      if (fallback == null) {
        problems.add(Messages.english("import.field.required", name));
      }
      return fallback;
    }
    if (!pattern.matcher(value).matches()) {
      problems.add(Messages.english(messageKey, name, shorten(value)));
      return null;
    }
    return value;
  }

  /** One of an enum's constants, by exact name; {@code fallback} when absent, required if null. */
  <E extends Enum<E>> E oneOf(String name, Class<E> type, E fallback) {
    String value = row.values().get(name);
    if (value == null) {
      if (fallback == null) {
        problems.add(Messages.english("import.field.required", name));
      }
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    problems.add(Messages.english("import.field.oneOf", name, shorten(value), allowed));
    return null;
  }

  /** A value converted by {@code parse}; a thrown exception becomes the given problem. */
  <T> T parsed(String name, Function<String, T> parse, T fallback, String messageKey) {
    String value = row.values().get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value);
    } catch (RuntimeException e) {
      problems.add(Messages.english(messageKey, name, shorten(value)));
      return null;
    }
  }

  /** An email address, lowercased, in the shape the account sign-up accepts. */
  String email(String name) {
    String value = text(name, TextRules.EMAIL);
    if (value == null) {
      return null;
    }
    String email = value.toLowerCase(Locale.ROOT);
    if (!TextRules.isEmail(email)) {
      problems.add(Messages.english("import.email.invalid", name, shorten(value)));
      return null;
    }
    return email;
  }

  static String shorten(String value) {
    return value.length() > 60 ? value.substring(0, 60) + "…" : value;
  }
}
