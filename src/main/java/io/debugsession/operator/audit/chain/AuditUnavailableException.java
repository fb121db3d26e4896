package io.debugsession.operator.audit.chain;

/** The trail cannot record now; what would have been recorded must not happen (or must be retried) instead. */
public class AuditUnavailableException extends RuntimeException {

  public AuditUnavailableException(String message) {
    super(message);
  }

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
