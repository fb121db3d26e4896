package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.Status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * "Answer the next N requests with this Status": stands in for what the emulation cannot produce by
 * itself (admission denials such as Pod Security, RBAC, webhook timeouts, a kubelet that is gone).
 */
final class ForcedResponses {

  private final Deque<Status> queue = new ArrayDeque<>();

  synchronized void add(int times, Status status) {
    if (times < 0 || status == null || status.getCode() == null) {
      throw new IllegalArgumentException("need times >= 0 and a Status with a code");
    }
    for (int i = 0; i < times; i++) {
      queue.addLast(status);
    }
  }

  synchronized Optional<Status> poll() {
    return Optional.ofNullable(queue.pollFirst());
  }

  synchronized void clear() {
    queue.clear();
  }
}
