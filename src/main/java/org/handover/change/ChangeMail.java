package org.handover.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.contact.ContactRole;
import org.handover.mail.MailArguments;
import org.handover.mail.MailContent;
import org.handover.mail.MailDetail;
import org.handover.mail.MailKind;
import org.handover.mail.MailWords;
import org.handover.mail.PanelUrl;
import org.handover.mail.StoredPayload;

/**
 * What an email about a change set says to one reader, as one typed record: the set's facts, the
 * first items that concern the reader and their count, how the reader relates to the set (see
 * {@link MailReader}), and the personal parts (recipient, code, who accepted). It writes the outbox
 * row's payload and is read back from it ({@link ChangeMailFormat}).
 *
 * @param fromAccounts the contacts being replaced, joined by commas
 * @param toAccounts the new contacts, joined by commas
 * @param ended why the set ended; null while it is open
 * @param reader {@link MailReader#relation()}; null for the neutral wording
 */
record ChangeMail(
    long changeId,
    String serviceType,
    String serviceName,
    int serviceCount,
    int itemCount,
    List<String> roles,
    String fromAccounts,
    String toAccounts,
    String askingAccount,
    String state,
    Instant expiresAt,
    Instant doneAt,
    Ended ended,
    String reader,
    List<String> ownRoles,
    List<Line> items,
    Personal personal)
    implements MailContent {

  /** Items an email lists; the rest are counted. */
  static final int LISTED = 20;

  private static final int SERVICES = 2;
  private static final int SERVICE_TYPE = 3;
  private static final int ROLES = 4;
  private static final int FROM = 5;
  private static final int TO = 6;
  private static final int ASKER = 7;
  private static final int EXPIRES = 8;
  private static final int REQUEST = 9;
  private static final int REASON = 10;
  private static final int ACCEPTED_BY = 11;
  private static final int OWN_ROLES = 15;
  private static final int ROLE_COUNT = 17;

  /** One listed item. */
  record Line(String serviceType, String serviceName, List<String> roles, String from, String to) {

    static Line read(StoredPayload p) {
      return new Line(
          p.text("serviceType"),
          p.text("serviceName"),
          p.texts("roles"),
          p.text("from"),
          p.text("to"));
    }

    Map<String, Object> payload() {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("serviceType", serviceType);
      l.put("serviceName", serviceName);
      l.put("roles", roles);
      l.put("from", from);
      l.put("to", to);
      return l;
    }
  }

  /**
   * Why the set ended: the reason's key and arguments as stored, and its text in the reader's
   * language when it was written (shown for a reason without a key).
   */
  record Ended(String key, List<Object> args, String text) {}

  /** The parts of an email that depend on its recipient; code and acceptedBy may be null. */
  record Personal(String recipientName, boolean isParty, String code, String acceptedBy) {}

  /** What the set says to one reader: the items that concern them, and how they relate to it. */
  static ChangeMail of(ChangeSet set, MailReader reader, Personal personal, String reasonText) {
    List<ChangeItem> items = reader.items();
    ChangeItem first = items.get(0);
    boolean whole = items.size() == set.items().size();
    Reason reason = set.reason();
    return new ChangeMail(
        set.id(),
        first.serviceType().name(),
        first.serviceName(),
        (int) items.stream().map(ChangeItem::serviceId).distinct().count(),
        whole ? set.itemCount() : items.size(),
        items.stream()
            .flatMap(i -> i.roles().stream())
            .distinct()
            .sorted()
            .map(ContactRole::name)
            .toList(),
        String.join(", ", items.stream().map(i -> i.from().value()).distinct().toList()),
        String.join(", ", items.stream().map(i -> i.to().value()).distinct().toList()),
        set.asker().value(),
        set.state().name(),
        set.expiresAt(),
        set.doneAt(),
        reason == null ? null : new Ended(reason.key(), List.copyOf(reason.args()), reasonText),
        reader.relation(),
        reader.ownRoles().stream().sorted().map(ContactRole::name).toList(),
        items.stream().limit(LISTED).map(ChangeMail::line).toList(),
        personal);
  }

  private static Line line(ChangeItem i) {
    return new Line(
        i.serviceType().name(),
        i.serviceName(),
        i.sortedRoles().stream().map(ContactRole::name).toList(),
        i.from().value(),
        i.to().value());
  }

  static ChangeMail read(StoredPayload p) {
    return new ChangeMail(
        p.number("changeId"),
        p.text("serviceType"),
        p.text("serviceName"),
        (int) p.number("serviceCount"),
        (int) p.number("itemCount"),
        p.texts("roles"),
        p.text("fromAccount"),
        p.text("toAccount"),
        p.text("askingAccount"),
        p.text("state"),
        p.instant("expiresAt"),
        p.instant("doneAt"),
        p.has("reason") || p.has("reasonKey")
            ? new Ended(p.text("reasonKey"), p.list("reasonArgs"), p.text("reason"))
            : null,
        p.text("reader"),
        p.texts("ownRoles"),
        p.nested("items").stream().map(Line::read).toList(),
        new Personal(
            p.text("recipientName"),
            p.flag("recipientIsParty"),
            p.text("code"),
            p.text("acceptedBy")));
  }

  /** The outbox payload (its keys are those of the rows already stored). */
  @Override
  public Map<String, Object> payload() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("changeId", changeId);
    data.put("serviceType", serviceType);
    data.put("serviceName", serviceName);
    data.put("serviceCount", serviceCount);
    data.put("itemCount", itemCount);
    data.put("roles", roles);
    data.put("fromAccount", fromAccounts);
    data.put("toAccount", toAccounts);
    data.put("askingAccount", askingAccount);
    data.put("state", state);
    data.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
    if (doneAt != null) {
      data.put("doneAt", doneAt.toString());
    }
    if (ended != null) {
      data.put("reasonKey", ended.key());
      data.put("reasonArgs", ended.args());
      data.put("reason", ended.text());
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    items.forEach(line -> lines.add(line.payload()));
    data.put("items", lines);
    if (reader != null) {
      data.put("reader", reader);
      data.put("ownRoles", ownRoles);
    }
    data.put("recipientName", personal.recipientName());
    data.put("recipientIsParty", personal.isParty());
    if (personal.code() != null) {
      data.put("code", personal.code());
    }
    if (personal.acceptedBy() != null) {
      data.put("acceptedBy", personal.acceptedBy());
    }
    return data;
  }

  @Override
  public String recipientName() {
    return personal.recipientName();
  }

  @Override
  public String code() {
    return personal.code();
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    arguments
        .set(SERVICES, words.services(serviceName, serviceCount))
        .set(SERVICE_TYPE, words.serviceType(serviceType))
        .set(ROLES, words.roles(roles))
        .set(FROM, accounts(fromAccounts, words))
        .set(TO, accounts(toAccounts, words))
        .set(ASKER, askingAccount)
        .set(EXPIRES, words.date(expiresAt))
        .set(REQUEST, String.valueOf(changeId))
        .set(REASON, reason(words))
        .set(ACCEPTED_BY, personal.acceptedBy())
        .set(OWN_ROLES, words.roles(ownRoles))
        .set(ROLE_COUNT, roles == null ? 1 : Math.max(1, roles.size()));
  }

  private String reason(MailWords words) {
    return MailReason.text(ended, words, askingAccount, readerAccount(), toAccounts);
  }

  /**
   * The reader's own customer ID when the email knows it: the asker's, or a lone newcomer's or
   * replaced contact's.
   */
  private String readerAccount() {
    if ("asker".equals(reader)) {
      return askingAccount;
    }
    String accounts = "replaced".equals(reader) ? fromAccounts : toAccounts;
    boolean lone = accounts != null && !accounts.contains(",");
    return ("newcomer".equals(reader) || "replaced".equals(reader)) && lone ? accounts : null;
  }

  /** Customer IDs stored joined by commas, as the reader's language lists them. */
  private static String accounts(String joined, MailWords words) {
    return joined == null ? null : words.list(List.of(joined.split(", ")));
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  /** The request's page, with the code filled in when the email carries one. */
  @Override
  public String link(MailKind kind, PanelUrl panel) {
    String token = code() == null ? "" : "?token=" + PanelUrl.encode(code());
    return panel.to("/account/contacts/requests/" + changeId + token);
  }

  /**
   * The set's facts: its number, who asked, then one line per listed item (the rest counted), and
   * the reason once it ended or the deadline while it is open.
   */
  @Override
  public List<MailDetail> details(MailKind kind, MailWords words) {
    List<MailDetail> details = new ArrayList<>();
    details.add(words.detail("request", String.valueOf(changeId)));
    details.add(
        words.detail(
            "asker",
            "asker".equals(reader) ? words.text("mail.detail.asker.you") : nonNull(askingAccount)));
    for (Line item : items) {
      details.add(
          new MailDetail(
              words.serviceType(item.serviceType()) + " " + item.serviceName(),
              words.roles(item.roles()) + words.colon() + item.from() + " \u2192 " + item.to()));
    }
    int more = itemCount - items.size();
    if (more > 0) {
      details.add(new MailDetail("", words.text("mail.detail.more", more)));
    }
    String reason = reason(words);
    if (ended != null && ended.text() != null) {
      if (!reason.isEmpty()) {
        details.add(words.detail("reason", reason));
      }
    } else if (kind != MailKind.CHANGE_DONE) {
      details.add(words.detail("expires", words.date(expiresAt)));
    }
    return details;
  }
}
