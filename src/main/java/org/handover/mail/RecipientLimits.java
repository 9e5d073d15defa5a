package org.handover.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.system.InsertPart;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The one limit on emails that someone else's action sends a person ({@link
 * MailKind#sentOnSomeoneElsesRequest()}): at most {@code handover.mail.per-recipient.limit} such
 * emails to one address per {@code window}, counted in the outbox itself (so every instance on one
 * database counts alike). Past the limit such an email is not written: the action that caused it
 * still happens, the person is not flooded, and a party who misses a code asks for a new one on the
 * request's page. Emails the person asks for themselves (a new code, their own security notices,
 * what their own change sets send them) and the provider's (expiry, reminders, support) are never
 * held back.
 */
@Component
class RecipientLimits {

  /** Settings under {@code handover.mail.per-recipient}. */
  @Validated
  @ConfigurationProperties("handover.mail.per-recipient")
  record Settings(
      @DefaultValue("20") @Min(1) @Max(10_000) int limit,
      @DefaultValue("PT15M") @NotNull Duration window) {}

  private final Settings settings;
  private final OutboxRepository repository;
  private final Clock clock;
  private final Counter heldBack;

  RecipientLimits(
      Settings settings, OutboxRepository repository, Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.repository = repository;
    this.clock = clock;
    this.heldBack =
        Counter.builder("handover.mail.limited")
            .description("emails not written: their recipient had reached the per-recipient limit")
            .register(meters);
  }

  /** The letters that may be written now, in their order; the others are left out. */
  List<Outbox.Letter> allowed(List<Outbox.Letter> letters) {
    Set<String> limited =
        letters.stream()
            .filter(RecipientLimits::limited)
            .map(l -> l.to().email())
            .collect(Collectors.toSet());
    if (limited.isEmpty()) {
      return letters;
    }
    Map<String, Integer> counts =
        new HashMap<>(
            repository.recentCounts(
                limited, MailKind.limitedKinds(), clock.instant().minus(settings.window())));
    List<Outbox.Letter> kept = new ArrayList<>(letters.size());
    for (Outbox.Letter letter : letters) {
      if (!limited(letter)) {
        kept.add(letter);
        continue;
      }
      int sent = counts.merge(letter.to().email(), 1, Integer::sum) - 1;
      if (sent < settings.limit()) {
        kept.add(letter);
      } else {
        heldBack.increment();
      }
    }
    return kept;
  }

  /**
   * The insert of these letters in their order, leaving out, as it runs, each one the limit holds
   * back: the count of what each address had is made by the insert itself (one statement, no read
   * before it), and each limited letter knows its rank among this insert's to its address.
   */
  InsertPart insert(List<Outbox.Letter> letters) {
    Map<String, Integer> ranks = new HashMap<>();
    int[] nth = new int[letters.size()];
    for (int i = 0; i < letters.size(); i++) {
      Outbox.Letter letter = letters.get(i);
      nth[i] = limited(letter) ? ranks.merge(letter.to().email(), 1, Integer::sum) - 1 : -1;
    }
    Instant now = clock.instant();
    return repository
        .insertCounted(
            letters,
            nth,
            now,
            now.minus(settings.window()),
            MailKind.limitedKinds(),
            settings.limit())
        .then(written -> heldBack.increment((double) letters.size() - written));
  }

  private static boolean limited(Outbox.Letter letter) {
    return letter.kind().sentOnSomeoneElsesRequest() && !letter.ownRequest();
  }
}
