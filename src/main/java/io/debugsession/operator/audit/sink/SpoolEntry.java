package io.debugsession.operator.audit.sink;

import java.io.IOException;

/** Where one unacknowledged record lies; the record itself stays on disk until it is read for sending. */
record SpoolEntry(SpoolSegment segment, long offset, int length) {

  SpooledRecord read() throws IOException {
    byte[] line = segment.read(offset, length);
    try {
      return SpoolLines.parse(line, 0, length - 1);
    } catch (IOException e) {
      throw new SpoolCorruptedException("record at byte " + offset + " of " + segment.path() + " no longer reads back: "
          + e.getMessage());
    }
  }
}
