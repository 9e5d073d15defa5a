package org.handover.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Typed settings under {@code handover.*}, validated at start-up. */
@Validated
@ConfigurationProperties("handover")
public record HandoverProperties(
    @DefaultValue("Handover") @NotBlank String providerName,
    @DefaultValue("http://localhost:8080") @NotBlank String publicBaseUrl,
    @DefaultValue @Valid Account account,
    @DefaultValue @Valid Demo demo,
    @DefaultValue @Valid Mail mail,
    @DefaultValue @Valid Api api,
    @DefaultValue @Valid Operator operator,
    @DefaultValue @Valid Security security) {

  /** Account protection: second factor, step-up, sign-in throttling, mail limits. */
  public record Security(
      @DefaultValue("optional") @NotNull SecondFactorPolicy secondFactor,
      @DefaultValue("PT5M") @NotNull Duration stepUpWindow,
      @DefaultValue("5") @Min(1) @Max(100) int freeSignInFailures,
      @DefaultValue("PT1M") @NotNull Duration firstLockDelay,
      @DefaultValue("PT1H") @NotNull Duration maxLockDelay,
      @DefaultValue("30") @Min(1) int addressFailures,
      @DefaultValue("3") @Min(1) @Max(100) int emailChangesPerAccount,
      @DefaultValue("3") @Min(1) @Max(100) int signupMailsPerAddress) {

    /**
     * How long sign-in is held back after {@code failures} failed attempts on an account: nothing
     * up to the free failures, then the first delay, doubling with each further failure, capped.
     */
    public Duration lockDelay(int failures) {
      if (failures < freeSignInFailures) {
        return Duration.ZERO;
      }
      Duration wait = firstLockDelay;
      for (int i = freeSignInFailures; i < failures && wait.compareTo(maxLockDelay) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(maxLockDelay) > 0 ? maxLockDelay : wait;
    }
  }

  /**
   * Which customers must have a second factor for the actions that hand things over ({@code
   * required-for-admins}: those who are the administrator contact of a service).
   */
  public enum SecondFactorPolicy {
    optional,
    required_for_admins,
    required
  }

  /** Account settings. */
  public record Account(
      @DefaultValue("ovh") @Pattern(regexp = "[a-z][a-z0-9]{0,15}") String nicSuffix) {}

  /** Email delivery from the outbox. */
  public record Mail(
      @DefaultValue("Handover <no-reply@handover.localhost>") @NotBlank String from,
      String replyTo,
      @DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
      @DefaultValue("PT30S") @NotNull Duration initialBackoff,
      @DefaultValue("PT1H") @NotNull Duration maxBackoff,
      @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
      @DefaultValue("PT2S") @NotNull Duration pollInterval,
      @DefaultValue("4") @Min(1) @Max(16) int senders,
      @DefaultValue("PT1M") @NotNull Duration claimLease) {

    /** The wait before attempt {@code attempts + 1}: doubling from the initial backoff, capped. */
    public Duration backoffAfter(int attempts) {
      return Backoff.doubling(initialBackoff, maxBackoff, attempts);
    }
  }

  /** The customer API. */
  public record Api(
      @NotBlank String secretKey,
      @DefaultValue("PT180S") @NotNull Duration clockSkew,
      @DefaultValue("65536") @Min(1024) int maxBodyBytes) {}

  /** The operator API: enabled when a token is configured ({@code HANDOVER_OPERATOR_TOKEN}). */
  public record Operator(String token) {

    public boolean enabled() {
      return token != null && !token.isBlank();
    }
  }

  /** Demo mode: demo data, sign-in hints, the mailbox page. */
  public record Demo(@DefaultValue("false") boolean enabled) {}
}
