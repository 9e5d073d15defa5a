package org.handover.system.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a panel action that hands something over (contacts, ownership, email, password, API keys):
 * with a second factor enrolled, it needs a second-factor check within the last few minutes ({@code
 * handover.security.step-up-window}); when the provider's policy demands a second factor of this
 * customer, it needs one enrolled first.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StepUp {

  /**
   * The action adds a second factor: without one enrolled it runs even when the policy demands one
   * (that is how the customer gets one); with one enrolled it needs a fresh check like any other.
   */
  boolean addsAFactor() default false;
}
