package org.handover.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the step-up check on panel actions. */
@Configuration(proxyBeanMethods = false)
class SecurityWebConfiguration implements WebMvcConfigurer {

  private final SignIns signIns;

  SecurityWebConfiguration(SignIns signIns) {
    this.signIns = signIns;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new StepUpInterceptor(signIns)).addPathPatterns("/account/**");
  }
}
