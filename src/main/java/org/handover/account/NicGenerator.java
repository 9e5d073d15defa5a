package org.handover.account;

import java.security.SecureRandom;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/** Draws random customer IDs: two letters, six digits and the configured suffix. */
@Component
class NicGenerator {

  private final SecureRandom random = new SecureRandom();

  Nic next(String suffix) {
    StringBuilder sb = new StringBuilder(16);
    sb.append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)));
    for (int i = 0; i < 6; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return new Nic(sb.append('-').append(suffix).toString());
  }
}
