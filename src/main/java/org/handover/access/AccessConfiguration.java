package org.handover.access;

import org.handover.account.Accounts;
import org.handover.catalog.HostedServices;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The access feature's plain objects, built once from {@link AccessSettings}. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  ActionCatalogue actionCatalogue(AccessSettings settings) {
    return new ActionCatalogue(settings);
  }

  @Bean
  AccessRules accessRules(ActionCatalogue catalogue) {
    return new AccessRules(catalogue);
  }

  @Bean
  Urns urns(AccessSettings settings) {
    return new Urns(settings.region());
  }

  @Bean
  PolicyChecks policyChecks(
      Accounts accounts, HostedServices services, ActionCatalogue catalogue, Urns urns) {
    return new PolicyChecks(accounts, services, catalogue, urns);
  }
}
