package org.handover.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes, when an observation registry is present, every filter of its chains and
 * every authentication and authorization: a start and a stop per filter per request, about a sixth
 * of a page's CPU in the full-scale profile, for traces Handover keeps nowhere. Requests stay
 * observed by the web layer ({@code http_server_requests}); sign-in outcomes are in the security
 * log.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
