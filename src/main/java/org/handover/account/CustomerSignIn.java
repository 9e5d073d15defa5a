package org.handover.account;

import org.handover.system.CustomerLanguages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** How the kernel's security configuration finds customers: sign-in lookup and language. */
@Configuration(proxyBeanMethods = false)
class CustomerSignIn {

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

  @Bean
  CustomerLanguages customerLanguages(Accounts accounts) {
    return nic -> accounts.find(nic).map(Account::language);
  }
}
