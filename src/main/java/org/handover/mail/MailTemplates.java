package org.handover.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders outbox rows into emails in the recipient's language: the wording of each kind comes from
 * the message bundles ({@code mail.KIND.subject}, {@code .body}, optional {@code .body2}), laid out
 * in HTML and plain text by {@link MailLayout}.
 */
@Component
public class MailTemplates {

  private static final String DETAIL = "mail.detail.";

  private final MessageSource messages;
  private final HandoverProperties properties;

  MailTemplates(MessageSource messages, HandoverProperties properties) {
    this.messages = messages;
    this.properties = properties;
  }

  /** Renders one outbox row. Fails when a message key is missing in the recipient's language. */
  public RenderedMail render(OutboxMessage mail) {
    MailView view = view(mail);
    return new RenderedMail(view.subject(), MailLayout.text(view), MailLayout.html(view));
  }

  MailView view(OutboxMessage mail) {
    Locale locale = Language.of(mail.language()).locale();
    Map<String, Object> p = mail.payload();
    Object[] args = args(p, locale);
    String kind = "mail." + mail.kind().name();
    String reader = p.get("reader") instanceof String r ? "." + r : null;
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(variant(kind + ".body", reader, args, locale));
    String second = variant(kind + ".body2", reader, args, locale);
    if (!second.isEmpty()) {
      paragraphs.add(second);
    }
    boolean code = mail.kind().carriesCode() && p.get("code") != null;
    return new MailView(
        locale.getLanguage(),
        properties.providerName(),
        variant(kind + ".subject", reader, args, locale),
        text("mail.greeting", args, locale),
        paragraphs,
        code ? text("mail.code.label", args, locale) : null,
        code ? (String) p.get("code") : null,
        text(kind + ".action", args, locale),
        link(mail),
        details(mail.kind(), p, args, locale),
        text("mail.footer", args, locale));
  }

  /**
   * The wording for this reader when the bundle has one ({@code mail.KIND.body.newcomer}, …), else
   * the kind's own; an absent second paragraph is empty.
   */
  private String variant(String key, String reader, Object[] args, Locale locale) {
    String own = reader == null ? null : messages.getMessage(key + reader, args, null, locale);
    if (own != null) {
      return own;
    }
    return key.endsWith(".body2")
        ? messages.getMessage(key, args, "", locale)
        : text(key, args, locale);
  }

  /** Where the email's button leads; code emails carry the code so the page opens filled in. */
  String link(OutboxMessage mail) {
    String base = properties.publicBaseUrl().replaceAll("/+$", "");
    Map<String, Object> p = mail.payload();
    String token = p.get("code") == null ? "" : "&token=" + encode((String) p.get("code"));
    return switch (mail.kind()) {
      case ACCOUNT_CREATED -> base + "/login";
      case EMAIL_CHANGE_CODE, EMAIL_CHANGE_NOTICE, DEBT_NOTICE -> base + "/account/profile";
      case SIGNUP_EXISTING -> base + "/login";
      case SECURITY_FACTOR_ADDED,
          SECURITY_FACTOR_REMOVED,
          SECURITY_RECOVERY_CODE_USED,
          SECURITY_PASSWORD_CHANGED,
          SECURITY_EMAIL_CHANGED,
          SECURITY_API_APPLICATION,
          SECURITY_NEW_DEVICE ->
          base + "/account/security";
      case EMAIL_CONFIRM ->
          base + "/signup/confirm?nic=" + encode(String.valueOf(p.get("nic"))) + token;
      case PASSWORD_RESET ->
          base + "/password-reset?login=" + encode(String.valueOf(p.get("nic"))) + token;
      case OWNER_CHANGE_CODE ->
          base
              + "/owner-change/"
              + encode(String.valueOf(p.get("link")))
              + (p.get("code") == null ? "" : "?code=" + encode((String) p.get("code")));
      case OWNER_CHANGE_REQUESTED,
          OWNER_CHANGE_DONE,
          OWNER_CHANGE_REFUSED,
          OWNER_CHANGE_EXPIRED,
          OWNER_CHANGE_CANCELLED,
          OWNER_CORRECTED ->
          base
              + "/account/contacts/services/domain/"
              + encode(String.valueOf(p.get("serviceName")))
              + "/owner";
      case ACCESS_GRANTED, ACCESS_CHANGED, ACCESS_ENDED -> base + "/account/access/shared";
      case ACCESS_GRANTED_NOTICE, ACCESS_CHANGED_NOTICE, ACCESS_ENDED_NOTICE ->
          "*".equals(p.get("serviceName"))
              ? base + "/account/contacts/services"
              : base
                  + "/account/contacts/services/"
                  + encode(String.valueOf(p.get("serviceType")))
                  + "/"
                  + encode(String.valueOf(p.get("serviceName")))
                  + "/access";
      case CASE_NOTICE, CASE_CODE, CASE_APPLIED, CASE_ENDED ->
          base + "/account/support/cases/" + p.get("caseId") + token.replaceFirst("&", "?");
      default ->
          base
              + "/account/contacts/requests/"
              + p.get("changeId")
              + (token.isEmpty() ? "" : "?" + token.substring(1));
    };
  }

  /**
   * The set's facts: its number, who asked, then one line per listed item (the rest counted), and
   * the reason once it ended or the deadline while it is open.
   */
  private List<MailView.Detail> details(
      MailKind kind, Map<String, Object> p, Object[] args, Locale locale) {
    if (p.get("changeId") == null) {
      return List.of();
    }
    List<MailView.Detail> details = new ArrayList<>();
    details.add(detail("request", args[9], locale));
    details.add(detail("asker", args[7], locale));
    List<?> items = p.get("items") instanceof List<?> list ? list : List.of();
    for (Object o : items) {
      Map<?, ?> item = (Map<?, ?>) o;
      details.add(
          new MailView.Detail(
              text("enum.ServiceType." + item.get("serviceType"), new Object[0], locale)
                  + " "
                  + item.get("serviceName"),
              roles(item.get("roles"), locale)
                  + ": "
                  + item.get("from")
                  + " \u2192 "
                  + item.get("to")));
    }
    int more = number(p.get("itemCount")) - items.size();
    if (more > 0) {
      details.add(new MailView.Detail("", text("mail.detail.more", new Object[] {more}, locale)));
    }
    if (p.get("reason") != null) {
      details.add(detail("reason", args[10], locale));
    } else if (kind != MailKind.CHANGE_DONE) {
      details.add(detail("expires", args[8], locale));
    }
    return details;
  }

  private static int number(Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }

  private MailView.Detail detail(String key, Object value, Locale locale) {
    return new MailView.Detail(text(DETAIL + key, new Object[0], locale), String.valueOf(value));
  }

  /**
   * The positional arguments every mail message may use: {0} provider, {1} recipient name, {2}
   * service name, {3} service type, {4} roles, {5} from, {6} to, {7} asker, {8} expiry, {9} request
   * id, {10} reason (or the text of {@code reasonKey}), {11} accepted by, {12} customer ID, {13}
   * new email, {14} detail (a factor's name, a device), {15} the roles the reader keeps on the
   * services.
   */
  private Object[] args(Map<String, Object> p, Locale locale) {
    return new Object[] {
      properties.providerName(),
      str(p.get("recipientName")),
      services(p, locale),
      p.get("serviceType") == null
          ? ""
          : text("enum.ServiceType." + p.get("serviceType"), new Object[0], locale),
      roles(p.get("roles"), locale),
      str(p.get("fromAccount")),
      str(p.get("toAccount")),
      str(p.get("askingAccount")),
      date(p.get("expiresAt"), locale),
      str(p.get("changeId")),
      p.get("reasonKey") == null
          ? str(p.get("reason"))
          : text(
              str(p.get("reasonKey")),
              new Object[] {str(p.get("toAccount")), str(p.get("askingAccount"))},
              locale),
      str(p.get("acceptedBy")),
      str(p.get("nic")),
      str(p.get("newEmail")),
      str(p.get("detail")),
      roles(p.get("ownRoles"), locale)
    };
  }

  /** The service, or the first one and how many others the set holds. */
  private String services(Map<String, Object> p, Locale locale) {
    int others = number(p.get("serviceCount")) - 1;
    String first = str(p.get("serviceName"));
    return others > 0 ? text("mail.services", new Object[] {first, others}, locale) : first;
  }

  private String roles(Object roles, Locale locale) {
    if (!(roles instanceof List<?> list)) {
      return "";
    }
    return list.stream()
        .map(r -> text("enum.ContactRole." + r, new Object[0], locale))
        .collect(Collectors.joining(", "));
  }

  /** One formatter per language, built once (building one per email showed in the profile). */
  private static final Map<Locale, DateTimeFormatter> DATES = new ConcurrentHashMap<>();

  private static String date(Object iso, Locale locale) {
    if (iso == null) {
      return "";
    }
    return DATES
            .computeIfAbsent(
                locale,
                l ->
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                        .withLocale(l)
                        .withZone(ZoneOffset.UTC))
            .format(Instant.parse(iso.toString()))
        + " UTC";
  }

  private String text(String key, Object[] args, Locale locale) {
    return messages.getMessage(key, args, locale);
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
