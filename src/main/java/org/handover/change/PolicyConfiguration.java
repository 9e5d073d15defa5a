package org.handover.change;

import org.handover.contact.ChangePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the one {@link ChangePolicy} from the change settings' standing-check mode (the rules
 * table itself knows no settings: it sits below the features that configure it).
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

  @Bean
  ChangePolicy changePolicy(ChangeSettings settings) {
    return new ChangePolicy(settings.standingCheck());
  }
}
