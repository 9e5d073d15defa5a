package org.handover.system;

import org.handover.account.Accounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach what: health, metrics and the demo mailbox (which exists in demo mode only) are
 * public; everything else needs a signed-in customer. In production, keep the actuator on a private
 * port ({@code management.server.port}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  SecurityFilterChain web(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/error",
                        "/dev/mailbox/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(Customizer.withDefaults())
        .logout(Customizer.withDefaults());
    return http.build();
  }

  /** Signs customers in by customer ID or email; suspended accounts cannot sign in. */
  @Bean
  UserDetailsService customers(Accounts accounts) {
    return login ->
        accounts
            .findForSignIn(login)
            .flatMap(
                account ->
                    accounts
                        .passwordHash(account.nic())
                        .map(
                            hash ->
                                User.withUsername(account.nic().value())
                                    .password(hash)
                                    .disabled(!account.isActive())
                                    .roles("CUSTOMER")
                                    .build()))
            .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
  }
}
