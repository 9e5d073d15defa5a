package org.handover.change;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * The new contacts someone asks for, role by role, as the panel's forms and both APIs send them:
 * parsed here, in one place, for every channel. A value that is not a customer ID is refused with
 * {@link Nic.InvalidNic}; a body that names something else than a role, with {@link Invalid}, which
 * each channel answers in its own way.
 */
public record WantedContacts(Map<ContactRole, Nic> byRole) {

  public WantedContacts {
    Map<ContactRole, Nic> copy = new EnumMap<>(ContactRole.class);
    copy.putAll(byRole);
    byRole = Collections.unmodifiableMap(copy);
  }

  /** A request's body names something that is not a role, or gives a role something not text. */
  public static final class Invalid extends IllegalArgumentException {
    private final String key;
    private final transient Object[] args;

    Invalid(String key, Object... args) {
      super(Messages.english(key, args));
      this.key = key;
      this.args = args.clone();
    }

    /** The message key of the bundles that says what is wrong. */
    public String key() {
      return key;
    }

    /** The message's arguments. */
    public Object[] args() {
      return args.clone();
    }
  }

  /** What a form shows again: what was typed per role, and each value refused, by role. */
  public record Typed(
      Map<ContactRole, String> text,
      WantedContacts wanted,
      Map<ContactRole, HandoverException> refused) {}

  public static WantedContacts of(Map<ContactRole, Nic> byRole) {
    return new WantedContacts(byRole);
  }

  /**
   * A form's fields named by role ({@code admin}, {@code tech}, {@code billing}): a blank field
   * asks nothing; the role named by {@code assignToMe} is asked for {@code me}. Each value is
   * parsed on its own, so every refused one is named.
   */
  public static Typed readForm(Map<String, String> form, Nic me) {
    String assign = form.get("assignToMe");
    Map<ContactRole, String> text = new EnumMap<>(ContactRole.class);
    Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
    Map<ContactRole, HandoverException> refused = new EnumMap<>(ContactRole.class);
    for (ContactRole role : ContactRole.values()) {
      String value = role.name().equals(assign) ? me.value() : form.get(role.name());
      if (value == null || value.isBlank()) {
        continue;
      }
      text.put(role, value.strip());
      try {
        wanted.put(role, Nic.parse(value));
      } catch (HandoverException invalid) {
        refused.put(role, invalid);
      }
    }
    return new Typed(text, new WantedContacts(wanted), refused);
  }

  /** A form's fields named by role, a blank field asking nothing; the first bad value refused. */
  public static WantedContacts fromForm(Map<String, String> form) {
    Map<ContactRole, String> fields = new EnumMap<>(ContactRole.class);
    for (ContactRole role : ContactRole.values()) {
      fields.put(role, form.get(role.name()));
    }
    return fromFields(fields);
  }

  /** One text per role, a missing or blank one asking nothing; the first bad value refused. */
  public static WantedContacts fromFields(Map<ContactRole, String> fields) {
    Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
    fields.forEach(
        (role, value) -> {
          if (value != null && !value.isBlank()) {
            wanted.put(role, Nic.parse(value));
          }
        });
    return new WantedContacts(wanted);
  }

  /**
   * The reference API's body ({@code contactAdmin}, {@code contactTech}, {@code contactBilling}),
   * in the body's order: a null asks nothing; any other value must be a customer ID string.
   */
  public static WantedContacts fromApiBody(Map<String, Object> body) {
    Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
    for (var entry : body.entrySet()) {
      ContactRole role =
          ContactRole.fromApiName(entry.getKey())
              .orElseThrow(
                  () -> new Invalid("api.error.change.unknownField", shortened(entry.getKey())));
      if (entry.getValue() == null) {
        continue;
      }
      if (!(entry.getValue() instanceof String nic)) {
        throw new Invalid("api.error.change.notNic", entry.getKey());
      }
      wanted.put(role, Nic.parse(nic));
    }
    return new WantedContacts(wanted);
  }

  /** One new contact for each role named ({@code admin}, {@code tech}, {@code billing}). */
  public static WantedContacts sameContact(String nic, Collection<String> roles) {
    if (nic == null || nic.isBlank() || roles.isEmpty()) {
      throw new Invalid("api.error.change.nothing");
    }
    Nic to = Nic.parse(nic);
    Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
    for (String role : roles) {
      wanted.put(role(role), to);
    }
    return new WantedContacts(wanted);
  }

  /** The roles whose wanted contact differs from the holder: the rest is no change. */
  public WantedContacts changesFrom(Contacts current) {
    Map<ContactRole, Nic> changes = new EnumMap<>(ContactRole.class);
    byRole.forEach(
        (role, nic) -> {
          if (!current.holder(role).equals(nic)) {
            changes.put(role, nic);
          }
        });
    return new WantedContacts(changes);
  }

  public boolean isEmpty() {
    return byRole.isEmpty();
  }

  public Set<ContactRole> roles() {
    return byRole.keySet();
  }

  public Collection<Nic> contacts() {
    return byRole.values();
  }

  public boolean asks(ContactRole role) {
    return byRole.containsKey(role);
  }

  private static ContactRole role(String name) {
    for (ContactRole role : ContactRole.values()) {
      if (role.name().equals(name)) {
        return role;
      }
    }
    throw new Invalid("api.error.change.unknownRole", shortened(name));
  }

  private static String shortened(String text) {
    return text == null ? "—" : text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
