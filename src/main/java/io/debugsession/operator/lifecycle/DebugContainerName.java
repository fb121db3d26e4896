package io.debugsession.operator.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The ephemeral container's name: derived from the session alone, so every reconcile, retry or restarted operator
 * looks for the same name before adding anything. The UID hash keeps a re-created session with the same name from
 * adopting its predecessor's container.
 */
public final class DebugContainerName {

  static final int MAX_LENGTH = 63;
  private static final String PREFIX = "debug-";
  private static final int HASH_CHARS = 8;

  private DebugContainerName() {}

  public static String of(String sessionName, String sessionUid) {
    String suffix = "-" + shortHash(sessionUid);
    String readable = sessionName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    int room = MAX_LENGTH - PREFIX.length() - suffix.length();
    if (readable.length() > room) {
      readable = readable.substring(0, room);
    }
    readable = readable.replaceAll("^-+|-+$", "");
    return PREFIX + readable + suffix;
  }

  private static String shortHash(String uid) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
