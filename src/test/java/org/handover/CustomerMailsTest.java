package org.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.admin;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.access.Policies;
import org.handover.access.PolicyDraft;
import org.handover.catalog.HostedService;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeSetJob;
import org.handover.contact.ContactRole;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.mail.RenderedMail;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * Every customer email of a contact change, a bulk handover and a shared access, in every language,
 * for each kind of reader: the asker, the new contact, the contact being replaced, a contact who is
 * only informed, a reader of one service of seven, the grantee of a policy and the service's other
 * contacts. Each is written to {@code target/mails/<language>/} to be read, and each must be true
 * for its reader: the informed contact is never told of "their" role, a reader of one service of
 * seven reads of that one only, the asker is never named in the third person (nor in "Asked by"), a
 * reader who did not answer in time reads "you", roles and people are listed with the language's
 * "and" (never a bare comma), German names the other services in the dative, and nothing is left
 * unformatted. In a reassignment by support, each contact reads of their own services of the case
 * in words (never a counted "(+N)"), the contact replaced of "your" role, the new contact of "you".
 */
class CustomerMailsTest extends IntegrationTest {

  private static final Pattern UNFORMATTED =
      Pattern.compile("\\{\\d+[},]|\\bnull\\b|\\?\\?|mail\\.[A-Z_]+\\.|\\$\\{|(?m)^\\s*:");

  /** German names the other services after a preposition (bei, von): dative, never nominative. */
  private static final Pattern GERMAN_NOMINATIVE =
      Pattern.compile("weitere Dienste\\b|ein weiterer Dienst\\b");

  /** A choice argument of a message pattern, and the text of its first case. */
  private static final Pattern CHOICE = Pattern.compile("\\{\\d+,choice,[^#]*#([^|}]*)[^}]*}");

  /** A colon straight after a word, where French sets a narrow no-break space. */
  private static final Pattern FRENCH_COLON = Pattern.compile("[^\\s\u202f\u00a0]: ");

  @Autowired ChangeUseCases changes;
  @Autowired MailTemplates templates;
  @Autowired Outbox outbox;
  @Autowired Policies policies;
  @Autowired ChangeSetJob job;
  @Autowired MessageSource messages;
  @Autowired Reassignments cases;

  private Path dir;
  private final List<String> written = new ArrayList<>();

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyReaderOfASingleChangeReadsTheirOwnPartInTheirLanguage(Language l) throws IOException {
    dir = Files.createDirectories(Path.of("target/mails", l.name()));
    Nic alice = fixtures.account(l);
    Nic dan = fixtures.account(l);
    Nic claire = fixtures.account(l);
    Nic bruno = fixtures.account(l);
    HostedService vps = fixtures.service(alice, dan, claire);
    long before = outbox.lastId();
    ChangeSet set =
        changes.request(as(alice), vps.type(), vps.name(), wanted(tech, bruno)).orElseThrow();

    String asker = write("single", before, alice, "asker", MailKind.CHANGE_CODE);
    String newcomer = write("single", before, bruno, "newcomer", MailKind.CHANGE_CODE);
    String replaced = write("single", before, dan, "replaced", MailKind.CHANGE_NOTICE);
    String informed = write("single", before, claire, "informed", MailKind.CHANGE_NOTICE);
    assertThat(asker).contains(distinct(l, "mail.CHANGE_CODE.body.asker", "mail.CHANGE_CODE.body"));
    assertThat(newcomer)
        .contains(distinct(l, "mail.CHANGE_CODE.body.newcomer", "mail.CHANGE_CODE.body"));
    assertThat(replaced)
        .contains(
            distinct(l, "mail.CHANGE_NOTICE.body.replaced", "mail.CHANGE_NOTICE.body.contact"));
    assertThat(informed)
        .contains(
            distinct(l, "mail.CHANGE_NOTICE.body.contact", "mail.CHANGE_NOTICE.body.replaced"))
        .doesNotContain(distinct(l, "mail.CHANGE_NOTICE.body.replaced", "mail.CHANGE_NOTICE.body"))
        .doesNotContain(
            distinct(l, "mail.CHANGE_NOTICE.subject", "mail.CHANGE_NOTICE.subject.contact"))
        .doesNotContain(distinct(l, "mail.CHANGE_NOTICE.body", "mail.CHANGE_NOTICE.body.contact"));

    clock.advance(Duration.ofMinutes(2));
    before = outbox.lastId();
    changes.resendCode(as(bruno), set.id());
    write("single", before, bruno, "newcomer", MailKind.CHANGE_CODE_RESENT);
    before = outbox.lastId();
    changes.accept(as(alice), set.id(), fixtures.codeFor(set.id(), alice));
    write("single", before, bruno, "newcomer", MailKind.CHANGE_PARTY_ACCEPTED);
    clock.advance(Duration.ofDays(7).minusMinutes(2));
    before = outbox.lastId();
    job.runDueWork();
    write("single", before, bruno, "newcomer", MailKind.CHANGE_REMINDER);
    before = outbox.lastId();
    changes.accept(as(bruno), set.id(), fixtures.codeFor(set.id(), bruno));
    write("single", before, alice, "asker", MailKind.CHANGE_DONE);
    write("single", before, bruno, "newcomer", MailKind.CHANGE_DONE);
    write("single", before, dan, "replaced", MailKind.CHANGE_DONE);
    String done = write("single", before, claire, "informed", MailKind.CHANGE_DONE);
    assertThat(done)
        .contains(distinct(l, "mail.CHANGE_DONE.body.contact", "mail.CHANGE_DONE.body.replaced"));
    assertClean(l);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void inABulkHandoverEachReaderReadsOfTheirOwnServices(Language l) throws IOException {
    dir = Files.createDirectories(Path.of("target/mails", l.name()));
    Nic alice = fixtures.account(l);
    Nic bruno = fixtures.account(l);
    Nic eve = fixtures.account(l);
    List<ServiceKey> keys = new ArrayList<>();
    List<HostedService> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      HostedService s = fixtures.service(alice, i == 3 ? bruno : alice, alice);
      all.add(s);
      keys.add(new ServiceKey(s.type(), s.name()));
    }
    long before = outbox.lastId();
    ChangeSet set = changes.requestSet(as(alice), keys, wanted(tech, eve), false);
    String asker = write("bulk", before, alice, "asker", MailKind.CHANGE_CODE);
    String newcomer = write("bulk", before, eve, "newcomer", MailKind.CHANGE_CODE);
    String one = write("bulk", before, bruno, "replaced-one-of-seven", MailKind.CHANGE_NOTICE);
    String others = messages.getMessage("mail.services", new Object[] {"x", 6}, l.locale());
    assertThat(asker).contains(others.substring(others.indexOf('6')));
    assertThat(newcomer).contains(others.substring(others.indexOf('6')));
    assertThat(one).contains(all.get(3).name());
    for (HostedService s : all) {
      if (s != all.get(3)) {
        assertThat(one).doesNotContain(s.name());
      }
    }
    before = outbox.lastId();
    changes.refuse(as(eve), set.id(), fixtures.codeFor(set.id(), eve), "Not mine");
    write("bulk", before, alice, "asker", MailKind.CHANGE_REFUSED);
    String ownRefusal = write("bulk", before, eve, "newcomer", MailKind.CHANGE_REFUSED);
    assertThat(ownRefusal)
        .contains(said(l, "reason.refusedBecause.you", eve.value(), "Not mine"))
        .doesNotContain(said(l, "reason.refusedBecause", eve.value(), "Not mine"));
    String refused = write("bulk", before, bruno, "replaced-one-of-seven", MailKind.CHANGE_REFUSED);
    assertThat(refused).contains(all.get(3).name()).doesNotContain(all.get(0).name());
    assertThat(refused).contains(said(l, "reason.refusedBecause", eve.value(), "Not mine"));

    HostedService single = fixtures.service(alice, bruno, alice);
    ChangeSet cancelled =
        changes
            .request(as(alice), single.type(), single.name(), Map.of(tech, eve, billing, eve))
            .orElseThrow();
    before = outbox.lastId();
    changes.cancel(as(alice), cancelled.id());
    String ownCancel = write("cancelled", before, alice, "asker", MailKind.CHANGE_ABORTED);
    assertThat(ownCancel)
        .contains(said(l, "reason.cancelledBy.you"))
        .doesNotContain(said(l, "reason.cancelledBy", alice.value()));
    write("cancelled", before, bruno, "replaced", MailKind.CHANGE_ABORTED);
    String aborted = write("cancelled", before, eve, "newcomer", MailKind.CHANGE_ABORTED);
    assertThat(aborted)
        .contains(said(l, "reason.cancelledBy", alice.value()))
        .contains(said(l, "mail.list.and", role(l, tech), role(l, billing)));

    HostedService late = fixtures.service(alice, bruno, alice);
    changes.request(as(alice), late.type(), late.name(), wanted(tech, eve)).orElseThrow();
    clock.advance(Duration.ofDays(15));
    before = outbox.lastId();
    job.runDueWork();
    job.runDueWork();
    String askerLate = write("expired", before, alice, "asker", MailKind.CHANGE_EXPIRED);
    String expired = write("expired", before, eve, "newcomer", MailKind.CHANGE_EXPIRED);
    String late1 = write("expired", before, bruno, "replaced", MailKind.CHANGE_EXPIRED);
    assertThat(expired).contains(said(l, "reason.expired.youAnd", alice.value()));
    assertThat(askerLate).contains(said(l, "reason.expired.youAnd", eve.value()));
    assertThat(late1)
        .containsAnyOf(
            said(l, "mail.list.and", alice.value(), eve.value()),
            said(l, "mail.list.and", eve.value(), alice.value()));
    assertClean(l);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void aSharedAccessTellsItsGranteeAndTheOtherContacts(Language l) throws IOException {
    dir = Files.createDirectories(Path.of("target/mails", l.name()));
    Nic admin = fixtures.account(l);
    Nic techContact = fixtures.account(l);
    Nic friend = fixtures.account(l);
    HostedService domain = fixtures.service(admin, techContact, admin);
    long before = outbox.lastId();
    String resource = "urn:v1:eu:resource:" + domain.type().name() + ":" + domain.name();
    var policy =
        policies.create(
            as(admin),
            new PolicyDraft(
                "records",
                null,
                List.of("urn:v1:eu:identity:account:" + friend.value()),
                List.of(resource),
                List.of(domain.type().name() + ":apiovh:*"),
                List.of(),
                List.of(),
                null));
    write("access", before, friend, "grantee", MailKind.ACCESS_GRANTED);
    write("access", before, techContact, "contact", MailKind.ACCESS_GRANTED_NOTICE);
    String own = write("access", before, admin, "owner", MailKind.ACCESS_GRANTED_NOTICE);
    assertThat(own)
        .contains(
            distinct(l, "mail.ACCESS_GRANTED_NOTICE.body.owner", "mail.ACCESS_GRANTED_NOTICE.body"))
        .doesNotContain(admin.value());
    before = outbox.lastId();
    policies.revoke(as(admin), policy.id());
    write("access", before, friend, "grantee", MailKind.ACCESS_ENDED);
    write("access", before, techContact, "contact", MailKind.ACCESS_ENDED_NOTICE);
    assertClean(l);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void aReassignmentTellsEachContactOfTheirOwnServicesInWords(Language l) throws IOException {
    dir = Files.createDirectories(Path.of("target/mails", l.name()));
    Nic admin = fixtures.account(l);
    Nic four = fixtures.account(l);
    Nic one = fixtures.account(l);
    Nic newcomer = fixtures.account(l);
    List<HostedService> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(fixtures.service(admin, i == 4 ? one : four, admin));
    }
    long before = outbox.lastId();
    ReassignmentCase c = open(all, newcomer);
    List<String> names = c.items().stream().map(ReassignmentCase.Item::serviceName).toList();
    String lone = all.get(4).name();
    String toAdmin = write("case", before, admin, "contact", MailKind.CASE_NOTICE);
    String toFour = write("case", before, four, "replaced-four-of-five", MailKind.CASE_NOTICE);
    String toOne = write("case", before, one, "replaced-one-of-five", MailKind.CASE_NOTICE);
    String toNew = write("case", before, newcomer, "newcomer", MailKind.CASE_CODE);
    String others = String.join(", ", names.subList(0, 3));
    assertThat(toAdmin)
        .contains(said(l, "mail.services", others, 2))
        .doesNotContain(distinct(l, "mail.CASE_NOTICE.body.replaced", "mail.CASE_NOTICE.body"));
    assertThat(toNew).contains(said(l, "mail.services", others, 2));
    List<String> fours = names.stream().filter(n -> !n.equals(lone)).toList();
    assertThat(toFour)
        .contains(said(l, "mail.services", String.join(", ", fours.subList(0, 3)), 1))
        .contains(distinct(l, "mail.CASE_NOTICE.body.replaced", "mail.CASE_NOTICE.body"))
        .doesNotContain(lone);
    assertThat(toOne)
        .contains(said(l, "mail.case.of.one", said(l, "enum.ServiceType.domain"), lone))
        .contains(distinct(l, "mail.CASE_NOTICE.body.replaced", "mail.CASE_NOTICE.body"));
    fours.forEach(n -> assertThat(toOne).doesNotContain(n));

    before = outbox.lastId();
    cases.veto(as(one), c.id());
    assertThat(write("vetoed", before, one, "replaced", MailKind.CASE_ENDED))
        .contains(said(l, "case.end.vetoed.you"))
        .contains(distinct(l, "mail.CASE_ENDED.body.replaced", "mail.CASE_ENDED.body"));
    assertThat(write("vetoed", before, newcomer, "newcomer", MailKind.CASE_ENDED))
        .contains(distinct(l, "mail.CASE_ENDED.body.newcomer", "mail.CASE_ENDED.body"));
    write("vetoed", before, admin, "contact", MailKind.CASE_ENDED);

    List<HostedService> two = List.of(all.get(0), all.get(1));
    before = outbox.lastId();
    ReassignmentCase d = open(two, newcomer);
    String code =
        (String)
            outbox.after(before).stream()
                .filter(m -> m.kind() == MailKind.CASE_CODE)
                .findFirst()
                .orElseThrow()
                .payload()
                .get("code");
    cases.confirm(as(newcomer), d.id(), code);
    clock.advance(Duration.ofDays(7));
    before = outbox.lastId();
    cases.runDueWork();
    assertThat(write("applied", before, newcomer, "newcomer", MailKind.CASE_APPLIED))
        .contains(distinct(l, "mail.CASE_APPLIED.body.newcomer", "mail.CASE_APPLIED.body"));
    String replaced = write("applied", before, four, "replaced", MailKind.CASE_APPLIED);
    assertThat(replaced)
        .contains(distinct(l, "mail.CASE_APPLIED.body.replaced", "mail.CASE_APPLIED.body"))
        .containsAnyOf(
            said(l, "mail.list.and", two.get(0).name(), two.get(1).name()),
            said(l, "mail.list.and", two.get(1).name(), two.get(0).name()));
    write("applied", before, admin, "contact", MailKind.CASE_APPLIED);
    assertClean(l);
  }

  private ReassignmentCase open(List<HostedService> services, Nic to) {
    return cases.open(
        Actor.operator("staff:alice", null),
        ServiceType.domain,
        services.stream().map(HostedService::name).toList(),
        tech,
        to,
        "ticket 4711",
        "4711");
  }

  /** Writes the one email of this kind sent to this reader since {@code after}; its text. */
  private String write(String story, long after, Nic reader, String role, MailKind kind)
      throws IOException {
    List<OutboxMessage> found =
        outbox.after(after).stream()
            .filter(m -> m.kind() == kind && reader.value().equals(m.recipientNic()))
            .sorted(Comparator.comparingLong(OutboxMessage::id))
            .toList();
    assertThat(found).as(kind + " to the " + role + " in " + story).hasSize(1);
    RenderedMail mail = templates.render(found.get(0));
    String text = mail.subject() + "\n\n" + mail.text();
    if ("asker".equals(role)) {
      String label = said(Language.valueOf(dir.getFileName().toString()), "mail.detail.asker");
      assertThat(text).doesNotContainPattern(Pattern.quote(label) + "\u202f?: " + reader.value());
    }
    String name = story + "-" + kind.name().toLowerCase(Locale.ROOT) + "-" + role;
    Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
    written.add(name + "\n" + text);
    return text;
  }

  private void assertClean(Language l) {
    List<String> roles = List.of(role(l, admin), role(l, tech), role(l, billing));
    for (String text : written) {
      assertThat(UNFORMATTED.matcher(text).find()).as(text).isFalse();
      assertThat(text).as("a counted (+N)").doesNotContain("(+");
      roles.forEach(r -> roles.forEach(o -> assertThat(text).doesNotContain(r + ", " + o)));
      assertThat(l == Language.de && GERMAN_NOMINATIVE.matcher(text).find()).as(text).isFalse();
      if (l == Language.fr) {
        assertThat(FRENCH_COLON.matcher(text).find())
            .as("a colon without its space: " + text)
            .isFalse();
      }
    }
  }

  private String role(Language l, ContactRole role) {
    return said(l, "enum.ContactRole." + role.name());
  }

  private String said(Language l, String key, Object... args) {
    return messages.getMessage(key, args, l.locale());
  }

  /**
   * The longest run of words of one message's pattern (between its arguments) that the other's does
   * not contain: what tells the two variants apart in that language. A choice
   * ("{17,choice,1#role|1< roles}") reads as its first case, the one role or service these stories
   * give each reader.
   */
  private String distinct(Language l, String key, String other) {
    String mine = firstChoice(messages.getMessage(key, null, l.locale()));
    String theirs = firstChoice(messages.getMessage(other, null, l.locale()));
    String best = "";
    for (String part : mine.split("\\{\\d+[^}]*}")) {
      String p = part.strip();
      if (p.length() > best.length() && !theirs.contains(p)) {
        best = p;
      }
    }
    assertThat(best).as("what tells %s from %s in %s", key, other, l).isNotBlank();
    return best.replace("''", "'");
  }

  private static String firstChoice(String pattern) {
    return CHOICE
        .matcher(pattern)
        .replaceAll(m -> Matcher.quoteReplacement("{0}" + m.group(1) + "{0}"));
  }
}
