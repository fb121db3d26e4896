package io.debugsession.operator.admission;

/**
 * What the API server answers: admitted, or refused with an HTTP code and the message it puts in the Status
 * (kubectl prints it after {@code The <resource> "<name>" is invalid: : } for code 422).
 */
record AdmissionVerdict(boolean allowed, int code, String message) {

  static final AdmissionVerdict ADMITTED = new AdmissionVerdict(true, 200, "");

  /** A refusal by {@code policy} through {@code binding}, as the API server words it. */
  static AdmissionVerdict denied(String policy, String binding, String reason, String message) {
    return new AdmissionVerdict(false, code(reason),
        "ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "' denied request: " + message);
  }

  /** The HTTP code of a Status reason; a validation without reason refuses with Invalid. */
  private static int code(String reason) {
    return switch (reason) {
      case "Unauthorized" -> 401;
      case "Forbidden" -> 403;
      case "RequestEntityTooLarge" -> 413;
      case "", "Invalid" -> 422;
      default -> 400;
    };
  }
}
