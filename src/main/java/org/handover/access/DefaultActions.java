package org.handover.access;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handover.catalog.ServiceType;
import org.handover.contact.ChangePolicy;

/**
 * The built-in action catalogue: for every type, reading it, its renewal and bills, contacts and
 * termination; and the technical operations of its kind (DNS records of a domain or zone, reboots
 * of a server, mailboxes of an email platform…). docs/access.md lists it.
 */
final class DefaultActions {

  private DefaultActions() {}

  static Map<AccessCategory, List<String>> of(ServiceType type) {
    String p = type.name() + ":apiovh:";
    Map<AccessCategory, List<String>> lists = new EnumMap<>(AccessCategory.class);
    lists.put(AccessCategory.READ, List.of(p + "get", p + "serviceInfos/get", p + "contact/get"));
    lists.put(AccessCategory.OPERATE, operations(type).stream().map(a -> p + a).toList());
    List<String> manage =
        new ArrayList<>(List.of(p + ChangePolicy.ASK_CONTACT_CHANGE, p + "terminate"));
    if (type == ServiceType.domain) {
      manage.addAll(List.of(p + "authInfo/get", p + "lock/edit", p + "owner/edit"));
    }
    lists.put(AccessCategory.MANAGE, manage);
    lists.put(AccessCategory.BILLING, List.of(p + "serviceInfos/edit", p + "bill/get"));
    return lists;
  }

  private static List<String> operations(ServiceType type) {
    return switch (type) {
      case domain ->
          List.of(
              "zone/record/create",
              "zone/record/edit",
              "zone/record/delete",
              "nameServer/edit",
              "dsRecord/edit");
      case zone -> List.of("record/create", "record/edit", "record/delete", "refresh");
      case hosting ->
          List.of("ftp/user/create", "ssl/edit", "attachedDomain/create", "module/install");
      case vps -> List.of("reboot", "start", "stop", "snapshot/create", "reinstall");
      case dedicated -> List.of("reboot", "reinstall", "ipmi/access", "backup/edit");
      case email -> List.of("account/create", "account/edit", "account/delete", "redirection/edit");
      case database -> List.of("user/create", "dump/create", "restart");
      case cloud -> List.of("instance/create", "instance/delete", "instance/reboot", "user/create");
    };
  }
}
