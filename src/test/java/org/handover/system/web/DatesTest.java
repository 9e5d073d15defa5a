package org.handover.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.handover.system.Language;
import org.junit.jupiter.api.Test;

/** A moment is written the way each language of the panel writes dates, always saying UTC. */
class DatesTest {

  private static final Instant MOMENT = Instant.parse("2026-11-30T14:05:00Z");

  @Test
  void eachLanguageWritesTheMomentItsOwnWay() {
    assertThat(Dates.text(MOMENT, Language.de.locale())).isEqualTo("30.11.2026, 14:05 UTC");
    assertThat(Dates.text(MOMENT, Language.es.locale())).isEqualTo("30 nov 2026 14:05 UTC");
    assertThat(Dates.text(MOMENT, Language.it.locale())).isEqualTo("30 nov 2026, 14:05 UTC");
  }
}
