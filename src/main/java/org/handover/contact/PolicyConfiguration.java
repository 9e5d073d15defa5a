package org.handover.contact;

import org.handover.system.HandoverProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the one {@link ChangePolicy} from the configured standing-check mode. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

  @Bean
  ChangePolicy changePolicy(HandoverProperties properties) {
    return new ChangePolicy(properties.change().standingCheck());
  }
}
