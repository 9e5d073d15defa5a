package org.handover.reassignment;

import org.handover.system.HandoverException;

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
    public CaseNotInStep(long id, ReassignmentState state) {
      super(Kind.CONFLICT, "case.notInStep", id, state.name());
    }
  }

  /** Four eyes: the staff member who opened a case cannot approve it. */
  public static final class OwnApproval extends HandoverException {
    public OwnApproval(long id) {
      super(Kind.FORBIDDEN, "case.ownApproval", id);
    }
  }

  /** A wrong confirmation code, or one voided by too many failures. */
  public static final class WrongCaseCode extends HandoverException {
    public WrongCaseCode() {
      super(Kind.BAD_REQUEST, "case.wrongCode");
    }
  }

  /** Another open case already covers this role on the service. */
  public static final class CaseConflict extends HandoverException {
    public CaseConflict(long other, String service) {
      super(Kind.CONFLICT, "case.conflict", other, service);
    }
  }

  /** A field of a new case is missing or malformed. */
  public static final class InvalidCase extends HandoverException {
    public InvalidCase(String field) {
      super(Kind.BAD_REQUEST, "case.invalid", field);
    }
  }
}
