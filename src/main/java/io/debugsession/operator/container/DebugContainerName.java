package io.debugsession.operator.container;

import java.util.Locale;

/**
 * The ephemeral container's name: derived from the session alone, so every reconcile, retry or restarted operator
 * looks for the same name before adding anything. It ends in the first {@value #UID_CHARS} characters of the session's
 * uid (random hexadecimal digits: a UUID's first group), which keeps a re-created session with the same name from
 * adopting its predecessor's container, and lets admission tell, from the session alone, which container is its
 * debugger (config/admission/debugger_access_policy.yaml matches {@code debug-} ... {@code -<uid prefix>}).
 */
public final class DebugContainerName {

  static final int MAX_LENGTH = 63;
  static final String PREFIX = "debug-";
  static final int UID_CHARS = 8;

  private DebugContainerName() {}

  public static String of(String sessionName, String sessionUid) {
    String suffix = "-" + sessionUid.substring(0, Math.min(UID_CHARS, sessionUid.length())).toLowerCase(Locale.ROOT);
    String readable = sessionName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    int room = MAX_LENGTH - PREFIX.length() - suffix.length();
    if (readable.length() > room) {
      readable = readable.substring(0, room);
    }
    readable = readable.replaceAll("^-+|-+$", "");
    return PREFIX + readable + suffix;
  }
}
