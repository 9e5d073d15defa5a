package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbox rows written before the mail records existed (their payloads as each feature wrote them
 * then) are read back by their feature's {@link MailFormat} into a record that writes the very same
 * payload again: the stored keys did not change, so such rows render and re-render on any instance.
 */
class StoredPayloadCompatibilityTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  static Stream<Arguments> rowsStoredBefore() {
    Map<String, Object> item =
        row(
            "serviceType", "domain",
            "serviceName", "example.com",
            "roles", List.of("tech"),
            "from", "aa111111-ovh",
            "to", "bb222222-ovh");
    return Stream.of(
        Arguments.of(
            MailKind.CHANGE_REFUSED,
            row(
                "changeId",
                42,
                "serviceType",
                "domain",
                "serviceName",
                "example.com",
                "serviceCount",
                1,
                "itemCount",
                1,
                "roles",
                List.of("tech"),
                "fromAccount",
                "aa111111-ovh",
                "toAccount",
                "bb222222-ovh",
                "askingAccount",
                "aa111111-ovh",
                "state",
                "refused",
                "expiresAt",
                "2026-02-01T10:00:00Z",
                "doneAt",
                "2026-01-20T10:00:00Z",
                "reasonKey",
                "reason.refusedBy",
                "reasonArgs",
                List.of("bb222222-ovh"),
                "reason",
                "Refused by bb222222-ovh.",
                "items",
                List.of(item),
                "reader",
                "contact",
                "ownRoles",
                List.of("billing"),
                "recipientName",
                "Ada",
                "recipientIsParty",
                false,
                "acceptedBy",
                "aa111111-ovh")),
        Arguments.of(
            MailKind.CHANGE_CODE,
            row(
                "changeId",
                42,
                "serviceType",
                "domain",
                "serviceName",
                "example.com",
                "serviceCount",
                1,
                "itemCount",
                1,
                "roles",
                List.of("tech"),
                "fromAccount",
                "aa111111-ovh",
                "toAccount",
                "bb222222-ovh",
                "askingAccount",
                "aa111111-ovh",
                "state",
                "validatingByCustomers",
                "expiresAt",
                "2026-02-01T10:00:00Z",
                "items",
                List.of(item),
                "recipientName",
                "Ada",
                "recipientIsParty",
                true,
                "code",
                "ABCD")),
        Arguments.of(MailKind.ACCOUNT_CREATED, row("nic", "aa111111-ovh", "firstName", "Ada")),
        Arguments.of(
            MailKind.EMAIL_CHANGE_CODE,
            row("nic", "aa111111-ovh", "recipientName", "Ada L", "newEmail", "n@x", "code", "Q")),
        Arguments.of(
            MailKind.SECURITY_NEW_DEVICE,
            row("nic", "aa111111-ovh", "recipientName", "Ada L", "detail", "Firefox (10.0.0.1)")),
        Arguments.of(
            MailKind.DEBT_NOTICE,
            row(
                "nic",
                "aa111111-ovh",
                "recipientName",
                "Ada L",
                "askingAccount",
                "bb222222-ovh",
                "roles",
                List.of("billing"),
                "serviceName",
                "example.com")),
        Arguments.of(
            MailKind.OWNER_CHANGE_CODE,
            row(
                "ownerChangeId",
                7,
                "detail",
                7,
                "recipientName",
                "Old Owner",
                "serviceName",
                "example.com",
                "serviceType",
                "domain",
                "askingAccount",
                "aa111111-ovh",
                "fromAccount",
                "Old <o@x>",
                "toAccount",
                "New <n@x>",
                "expiresAt",
                "2026-02-01T10:00:00Z",
                "code",
                "C",
                "link",
                "k3y")),
        Arguments.of(
            MailKind.OWNER_CORRECTED,
            row(
                "recipientName",
                "Owner",
                "serviceName",
                "example.com",
                "serviceType",
                "domain",
                "askingAccount",
                "aa111111-ovh",
                "fromAccount",
                "1 Main St",
                "toAccount",
                "2 Main St")),
        Arguments.of(
            MailKind.CASE_CODE,
            row(
                "caseId",
                9,
                "detail",
                9,
                "recipientName",
                "Ada L",
                "serviceName",
                "example.com (+1)",
                "serviceType",
                "domain",
                "roles",
                List.of("admin"),
                "fromAccount",
                "aa111111-ovh",
                "toAccount",
                "bb222222-ovh",
                "reason",
                "left",
                "expiresAt",
                "2026-02-01T10:00:00Z",
                "code",
                "K")),
        Arguments.of(
            MailKind.ACCESS_ENDED_NOTICE,
            row(
                "recipientName",
                "Ada L",
                "serviceName",
                "*",
                "serviceType",
                "domain",
                "serviceCount",
                1,
                "askingAccount",
                "aa111111-ovh",
                "toAccount",
                "bb222222-ovh",
                "detail",
                "ops",
                "policyId",
                "p-1",
                "reasonKey",
                "access.reason.revoked")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rowsStoredBefore")
  void aRowStoredBeforeIsReadBackAndWrittenTheSame(MailKind kind, Map<String, Object> stored) {
    MailFormat format =
        MailTemplatesTest.formats().stream()
            .filter(f -> f.kinds().contains(kind))
            .findFirst()
            .orElseThrow();

    MailContent mail = format.read(kind, new StoredPayload(stored));

    assertThat(tree(mail.payload())).isEqualTo(tree(stored));
  }

  private static JsonNode tree(Map<String, ?> payload) {
    return JSON.readTree(JSON.writeValueAsString(payload));
  }
}
