package io.debugsession.plugin;

import java.util.List;

/** A user as the API server authenticated them. */
record Identity(String userName, List<String> groups) {

  Identity {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
