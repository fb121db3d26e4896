package io.debugsession.operator.kube;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.lifecycle.SessionEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a DebugSession, for the people watching {@code kubectl describe dbg}. */
public class SessionEventRecorder {

  static final String COMPONENT = "debugsession-operator";
  private static final Logger LOG = LoggerFactory.getLogger(SessionEventRecorder.class);
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;

  public SessionEventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void record(DebugSession session, SessionEvent event) {
    String now = Instant.now().toString();
    String namespace = session.getMetadata().getNamespace();
    Event e = new EventBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(session.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(session.getApiVersion())
            .withKind(session.getKind())
            .withNamespace(namespace)
            .withName(session.getMetadata().getName())
            .withUid(session.getMetadata().getUid())
            .withResourceVersion(session.getMetadata().getResourceVersion())
            .build())
        .withType(event.warning() ? "Warning" : "Normal")
        .withReason(event.reason())
        .withMessage(truncate(event.message()))
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(e).create();
    } catch (KubernetesClientException ex) {
      // An Event is a courtesy to humans; status and logs carry the same facts, so a lost Event must not fail the step.
      LOG.warn("Could not record Event {} on DebugSession {}/{}: {}", event.reason(), namespace,
          session.getMetadata().getName(), ex.getMessage());
    }
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
