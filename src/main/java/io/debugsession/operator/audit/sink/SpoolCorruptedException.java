package io.debugsession.operator.audit.sink;

import java.io.IOException;

/**
 * The spool directory holds something no crash of this code can leave behind: an unreadable record followed by
 * readable ones, a gap between segments, a damaged marker. Opening refuses rather than skipping records, because a
 * silently shortened audit trail is worse than an operator that waits for a human; the message names the file and
 * byte to inspect.
 */
public class SpoolCorruptedException extends IOException {

  public SpoolCorruptedException(String message) {
    super(message);
  }
}
