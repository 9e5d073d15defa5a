package org.handover.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outbox row's payload as read back from its JSON, with typed reads for a {@link MailFormat}. An
 * absent field reads as null (or 0, false); a present one of the wrong form fails.
 */
public record StoredPayload(Map<String, ?> values) {

  /** The field as text (a number as its digits); null when absent. */
  public String text(String key) {
    Object value = values.get(key);
    return value == null ? null : value.toString();
  }

  /** Whether the field is present. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** The field as a whole number; 0 when absent or not a number. */
  public long number(String key) {
    return values.get(key) instanceof Number n ? n.longValue() : 0;
  }

  /** The field as a whole number; null when absent. */
  public Long id(String key) {
    return has(key) ? number(key) : null;
  }

  /** The field as a flag; false when absent. */
  public boolean flag(String key) {
    return Boolean.TRUE.equals(values.get(key));
  }

  /** The field as a moment written in ISO-8601; null when absent. */
  public Instant instant(String key) {
    Object value = values.get(key);
    return value == null ? null : Instant.parse(value.toString());
  }

  /** The field as a list of texts; null when absent or not a list. */
  public List<String> texts(String key) {
    return values.get(key) instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : null;
  }

  /** The field as a list of values as stored; null when absent or not a list. */
  public List<Object> list(String key) {
    return values.get(key) instanceof List<?> list
        ? Collections.unmodifiableList(new ArrayList<>(list))
        : null;
  }

  /** The field as a list of nested payloads; empty when absent or not a list. */
  public List<StoredPayload> nested(String key) {
    return values.get(key) instanceof List<?> list
        ? list.stream().map(StoredPayload::of).toList()
        : List.of();
  }

  private static StoredPayload of(Object nested) {
    Map<String, Object> fields = new LinkedHashMap<>();
    ((Map<?, ?>) nested).forEach((k, v) -> fields.put(String.valueOf(k), v));
    return new StoredPayload(fields);
  }
}
