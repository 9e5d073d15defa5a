package org.handover.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;

/**
 * The actions that can be done on each type of service, each in one category, and the categories
 * each contact role implies. Built from {@link AccessSettings}: a type the provider configured has
 * exactly the configured actions, the others the built-in list ({@link DefaultActions}).
 */
public final class ActionCatalogue {

  /** One action of the catalogue. */
  public record Entry(ServiceType type, String action, AccessCategory category) {}

  /** Per type, by lowercase action name: the action as configured and its category. */
  private final Map<ServiceType, Map<String, Entry>> byType = new EnumMap<>(ServiceType.class);

  private final Map<ContactRole, Set<AccessCategory>> roles = new EnumMap<>(ContactRole.class);

  ActionCatalogue(AccessSettings settings) {
    Map<ServiceType, Map<AccessCategory, List<String>>> configured = settings.configuredActions();
    for (ServiceType type : ServiceType.values()) {
      Map<AccessCategory, List<String>> lists =
          configured.getOrDefault(type, DefaultActions.of(type));
      Map<String, Entry> actions = new LinkedHashMap<>();
      for (AccessCategory category : AccessCategory.values()) {
        for (String action : lists.getOrDefault(category, List.of())) {
          String name = action.strip();
          ActionPattern shape = ActionPattern.parse(name);
          if (shape == null
              || shape.isGlob()
              || !name.toLowerCase(Locale.ROOT).startsWith(type.name() + ":")) {
            throw new IllegalArgumentException(
                "handover.access.actions."
                    + type.name()
                    + ": '"
                    + action
                    + "' is not an action name starting with '"
                    + type.name()
                    + ":'");
          }
          actions.put(name.toLowerCase(Locale.ROOT), new Entry(type, name, category));
        }
      }
      byType.put(type, Collections.unmodifiableMap(actions));
    }
    settings
        .roles()
        .forEach(
            (role, categories) ->
                roles.put(
                    role,
                    categories.isEmpty()
                        ? EnumSet.noneOf(AccessCategory.class)
                        : EnumSet.copyOf(categories)));
  }

  /**
   * The category of an action on a type of service; empty when the catalogue has no such action.
   */
  public Optional<AccessCategory> category(ServiceType type, String action) {
    return Optional.ofNullable(byType.get(type).get(action.toLowerCase(Locale.ROOT)))
        .map(Entry::category);
  }

  /** Every action of a type, in catalogue order. */
  public List<Entry> actions(ServiceType type) {
    return new ArrayList<>(byType.get(type).values());
  }

  /** The actions of a type that a pattern covers. */
  List<String> covered(ServiceType type, ActionPattern pattern) {
    return byType.get(type).values().stream().map(Entry::action).filter(pattern::matches).toList();
  }

  /**
   * What a policy's action pattern lets its holder do, for a page to say in words: the categories
   * of the catalogue's actions it covers on any type of service, in category order; empty when it
   * covers none (or is not a pattern).
   */
  public List<AccessCategory> categoriesCovered(String pattern) {
    ActionPattern shape = ActionPattern.parse(pattern);
    Set<AccessCategory> found = EnumSet.noneOf(AccessCategory.class);
    if (shape != null) {
      byType.values().stream()
          .flatMap(actions -> actions.values().stream())
          .filter(e -> shape.matches(e.action()))
          .forEach(e -> found.add(e.category()));
    }
    return List.copyOf(found);
  }

  /** Whether holding this role implies this action's category. */
  public boolean implies(ContactRole role, AccessCategory category) {
    return roles.getOrDefault(role, Set.of()).contains(category);
  }

  /** The categories a role implies. */
  public Set<AccessCategory> categoriesOf(ContactRole role) {
    Set<AccessCategory> set = roles.get(role);
    return set == null || set.isEmpty()
        ? EnumSet.noneOf(AccessCategory.class)
        : EnumSet.copyOf(set);
  }
}
