package io.debugsession.plugin;

/** A failure the user can act on: its message is printed as {@code error: <message>} and the plugin exits 1. */
public final class PluginException extends RuntimeException {

  public PluginException(String message) {
    super(message);
  }
}
