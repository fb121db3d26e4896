package io.debugsession.operator.testsupport.proxy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The armed faults, tried in the order they were armed; the first one that matches and has uses left wins. */
final class Faults {

  private final List<Fault> armed = new CopyOnWriteArrayList<>();

  Fault arm(Fault fault) {
    armed.add(fault);
    return fault;
  }

  Optional<Fault> claim(String method, String path) {
    for (Fault fault : armed) {
      if (fault.claim(method, path)) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  void clear() {
    armed.clear();
  }
}
