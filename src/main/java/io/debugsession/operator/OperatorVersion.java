package io.debugsession.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The operator's version, as Maven built it; every audit record names the version that wrote it. */
public final class OperatorVersion {

  private static final String VERSION = read();

  private OperatorVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = OperatorVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
