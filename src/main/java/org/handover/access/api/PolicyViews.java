package org.handover.access.api;

import java.util.List;
import org.handover.access.Policy;
import org.handover.access.PolicyDraft;
import org.handover.access.Urns;

/**
 * The reference IAM v2 policy in JSON, both ways: {@code identities} as account URNs, {@code
 * resources} as {@code [{"urn": …}]}, {@code permissions.allow/except/deny} as {@code [{"action":
 * …}]}, {@code expiredAt}; {@code id}, {@code owner}, {@code createdAt}, {@code updatedAt} and
 * {@code readOnly} are read-only and ignored when sent.
 */
final class PolicyViews {

  private PolicyViews() {}

  record ActionItem(String action) {}

  record PermissionsBody(List<ActionItem> allow, List<ActionItem> except, List<ActionItem> deny) {}

  record ResourceItem(String urn) {}

  /** A policy as POST and PUT receive it. */
  record PolicyBody(
      String name,
      String description,
      List<String> identities,
      List<ResourceItem> resources,
      PermissionsBody permissions,
      String expiredAt) {

    PolicyDraft draft() {
      PermissionsBody p = permissions == null ? new PermissionsBody(null, null, null) : permissions;
      return new PolicyDraft(
          name,
          description,
          identities,
          resources == null
              ? null
              : resources.stream().map(r -> r == null ? null : r.urn()).toList(),
          actions(p.allow()),
          actions(p.except()),
          actions(p.deny()),
          expiredAt);
    }

    private static List<String> actions(List<ActionItem> items) {
      return items == null ? null : items.stream().map(a -> a == null ? null : a.action()).toList();
    }
  }

  /** A policy as GET answers it. */
  record PolicyView(
      String id,
      String name,
      String description,
      List<String> identities,
      List<ResourceItem> resources,
      PermissionsBody permissions,
      String expiredAt,
      String owner,
      String createdAt,
      String updatedAt,
      boolean readOnly) {}

  static PolicyView of(Policy p, Urns urns) {
    return new PolicyView(
        p.id(),
        p.name(),
        p.description(),
        p.grantees().stream().map(urns::of).toList(),
        p.resources().stream().map(r -> new ResourceItem(urns.of(r))).toList(),
        new PermissionsBody(items(p.allowed()), items(p.excepted()), items(p.denied())),
        p.expiresAt() == null ? null : p.expiresAt().toString(),
        p.owner().value(),
        p.createdAt().toString(),
        p.updatedAt().toString(),
        false);
  }

  private static List<ActionItem> items(List<String> actions) {
    return actions.stream().map(ActionItem::new).toList();
  }
}
