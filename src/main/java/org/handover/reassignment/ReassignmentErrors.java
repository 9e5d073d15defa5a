package org.handover.reassignment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.handover.system.HandoverException;
import org.handover.system.Messages;

/** The refusals of reassignment cases, each with its own message. */
public final class ReassignmentErrors {

  private ReassignmentErrors() {}

  /** No such case, or none the caller may see. */
  public static final class CaseNotFound extends HandoverException {
    public CaseNotFound(long id) {
      super(Kind.NOT_FOUND, "case.notFound", id);
    }
  }

  /** The case has ended, or is not in the step the action belongs to. */
  public static final class CaseNotInStep extends HandoverException {
    private final ReassignmentState state;

    public CaseNotInStep(long id, ReassignmentState state) {
      super(Kind.CONFLICT, "case.notInStep", id, state.name());
      this.state = state;
    }

    /** The state in the reader's words ("Cooling-off"), never its internal name. */
    @Override
    public String message(Locale locale) {
      return Messages.format(
          locale, messageKey(), args()[0], Messages.format(locale, "case.state." + state.name()));
    }
  }

  /** Four eyes: the staff member who opened a case cannot approve it. */
  public static final class OwnApproval extends HandoverException {
    public OwnApproval(long id) {
      super(Kind.FORBIDDEN, "case.ownApproval", id);
    }
  }

  /**
   * A wrong confirmation code: says how many tries are left before the code is voided, that this
   * was the last one, or that the code was already void (too many wrong tries, or none to match).
   */
  public static final class WrongCaseCode extends HandoverException {
    WrongCaseCode(int failures, int maxFailures) {
      super(
          Kind.BAD_REQUEST,
          failures < maxFailures
              ? "case.wrongCodeTriesLeft"
              : failures == maxFailures ? "case.wrongCodeNowVoid" : "case.codeVoidTooManyTries",
          Math.max(0, maxFailures - failures));
    }
  }

  /** Another open case already covers this role on the service. */
  public static final class CaseConflict extends HandoverException {
    public CaseConflict(long other, String service) {
      super(Kind.CONFLICT, "case.conflict", other, service);
    }
  }

  /**
   * A field of a new case is missing or not one of its choices: the message names the field by its
   * label on the console's form and says what to do.
   */
  public static final class InvalidCase extends HandoverException {

    private final String labelKey;

    private InvalidCase(String messageKey, String labelKey, Object... args) {
      super(Kind.BAD_REQUEST, messageKey, args);
      this.labelKey = labelKey;
    }

    /** A text (evidence, reason) that is empty or not plain text of at most {@code max}. */
    public static InvalidCase text(String labelKey, int max) {
      return new InvalidCase("case.invalid.text", labelKey, max);
    }

    /** A choice (category, role) that is not one of the list. */
    public static InvalidCase choice(String labelKey) {
      return new InvalidCase("case.invalid.choice", labelKey);
    }

    /** No service named, or more than one case may hold. */
    public static InvalidCase services(int max) {
      return new InvalidCase("case.invalid.services", "console.case.names", max);
    }

    @Override
    public String message(Locale locale) {
      Object[] labelFirst =
          Stream.concat(Stream.of(Messages.format(locale, labelKey)), Arrays.stream(args()))
              .toArray();
      return Messages.format(locale, messageKey(), labelFirst);
    }
  }
}
