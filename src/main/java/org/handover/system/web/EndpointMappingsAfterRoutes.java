package org.handover.system.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The actuator's endpoints ({@code /actuator/health}, {@code /prometheus}…) are looked up after the
 * application's routes instead of before them. Spring Boot orders their mapping first, so every
 * request — a page, an API call — was tried against each endpoint route and, matching none, had
 * Spring look for partial matches among them ({@code handleNoMatch}): a third of the handler
 * lookup's samples in the 2026-12-07 profile. No application route starts with {@code /actuator},
 * so an endpoint's request still reaches its endpoint, one mapping later ({@code HotPathsTest}).
 */
@Configuration(proxyBeanMethods = false)
class EndpointMappingsAfterRoutes {

  /** Right after the application's own mapping (order 0), before static resources. */
  static final int ORDER = 1;

  @Bean
  static BeanPostProcessor endpointMappingsOrder() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof AbstractWebMvcEndpointHandlerMapping endpoints) {
          endpoints.setOrder(ORDER);
        }
        return bean;
      }
    };
  }
}
