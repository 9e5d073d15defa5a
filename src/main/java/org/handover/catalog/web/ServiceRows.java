package org.handover.catalog.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.HostedService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.system.Html;
import org.handover.system.Nic;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriUtils;

/**
 * The rows of My services' table, written in one pass: the markup the template's row wrote (about
 * twenty attribute processors, three message lookups and two links per row, half of a page's CPU in
 * the 10:40 profile of issue 18), byte for byte, with every value escaped as {@code th:text} does.
 * The labels that do not depend on the row are looked up once per page; the category names once per
 * type.
 */
final class ServiceRows {

  private static final String EDIT_ICON =
      "<svg aria-hidden=\"true\"\n"
          + "           focusable=\"false\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\"><path"
          + " d=\"M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zm17.7-10.2a1\n"
          + "           1 0 0 0 0-1.42l-2.33-2.33a1 1 0 0 0-1.42 0l-1.83 1.83 3.75 3.75"
          + " 1.83-1.83z\"/></svg></a>\n";

  private final MessageSource messages;
  private final Locale locale;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final Map<ServiceType, String> typeLabels = new EnumMap<>(ServiceType.class);
  private final String categoryLabel;
  private final String[] roleLabels;
  private final String ownerText;

  ServiceRows(
      MessageSource messages,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    this.messages = messages;
    this.locale = locale;
    this.request = request;
    this.response = response;
    this.categoryLabel = Html.escape(text("services.category"));
    this.roleLabels =
        new String[] {
          Html.escape(text("role.admin")),
          Html.escape(text("role.tech")),
          Html.escape(text("role.billing"))
        };
    this.ownerText = Html.escape(text("services.owner"));
  }

  /** The body of the table: each row on its own line, as the template's {@code th:each} wrote. */
  String html(List<HostedService> services, Map<Long, Long> openSets, Nic me) {
    return html(services, openSets, me, Set.of());
  }

  /** The body, the services of {@code ticked} ({@code type:name}) ticked for the bulk panel. */
  String html(List<HostedService> services, Map<Long, Long> openSets, Nic me, Set<String> ticked) {
    StringBuilder out = new StringBuilder(services.size() * 1400 + 16);
    for (HostedService s : services) {
      row(out, s, openSets.get(s.id()), me, ticked);
    }
    return out.append("\n    ").toString();
  }

  private void row(StringBuilder out, HostedService s, Long openSet, Nic me, Set<String> ticked) {
    String name = Html.escape(s.name());
    String type = s.type().name();
    Contacts contacts = s.contacts();
    String editLabel = Html.escape(text("services.edit.for", s.name()));
    out.append("\n    <tr data-service=\"").append(name).append("\">\n");
    out.append("      <td class=\"select\"><input type=\"checkbox\" name=\"service\" form=\"bulk\"")
        .append(" value=\"")
        .append(Html.escape(type + ':' + s.name()))
        .append(
            ticked.contains(type + ':' + s.name())
                ? "\" checked aria-label=\""
                : "\" aria-label=\"")
        .append(Html.escape(text("bulk.select", s.name())))
        .append("\"></td>\n");
    String path = "/" + segment(type) + "/" + segment(s.name());
    out.append("      <td class=\"title\"><a class=\"service-link\" href=\"")
        .append(link("/account/contacts/services" + path))
        .append("\">")
        .append(name)
        .append("</a>\n        ");
    if (openSet != null) {
      out.append("<a class=\"open-request\" href=\"")
          .append(link("/account/contacts/requests/" + openSet))
          .append("\">")
          .append(Html.escape(text("services.openRequest", String.valueOf(openSet))))
          .append("</a>");
    }
    out.append("</td>\n");
    out.append("      <td data-label=\"")
        .append(categoryLabel)
        .append("\">")
        .append(
            typeLabels.computeIfAbsent(
                s.type(), t -> Html.escape(text("enum.ServiceType." + t.name()))))
        .append("</td>\n");
    contact(out, "admin", roleLabels[0], contacts.admin(), me);
    contact(out, "tech", roleLabels[1], contacts.tech(), me);
    contact(out, "billing", roleLabels[2], contacts.billing(), me);
    out.append("      <td class=\"row-actions\">\n")
        .append("        <a class=\"button icon edit\" href=\"")
        .append(link("/account/contacts/services" + path + "/edit"))
        .append("\" aria-label=\"")
        .append(editLabel)
        .append("\" title=\"")
        .append(editLabel)
        .append("\">")
        .append(EDIT_ICON)
        .append("        ");
    if (s.type() == ServiceType.domain && contacts.admin().equals(me)) {
      out.append("<a href=\"")
          .append(link("/account/contacts/services/domain/" + segment(s.name()) + "/owner"))
          .append("\">")
          .append(ownerText)
          .append("</a>");
    }
    out.append("\n      </td>\n    </tr>");
  }

  private static void contact(StringBuilder out, String role, String label, Nic holder, Nic me) {
    out.append("      <td class=\"contact-")
        .append(role)
        .append(" id\" data-label=\"")
        .append(label)
        .append("\"><span")
        .append(holder.equals(me) ? " class=\"mine\">" : ">")
        .append(Html.escape(holder.value()))
        .append("</span></td>\n");
  }

  private String link(String path) {
    return link(request, response, path);
  }

  /** A link within the application, as {@code @{…}} writes it: context path, URL rewriting. */
  static String link(HttpServletRequest request, HttpServletResponse response, String path) {
    return Html.escape(response.encodeURL(request.getContextPath() + path));
  }

  private static String segment(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
