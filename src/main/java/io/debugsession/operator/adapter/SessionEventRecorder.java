package io.debugsession.operator.adapter;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.status.SessionEvent;
import io.debugsession.operator.logging.LogText;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a DebugSession and its pod, for the people watching {@code kubectl describe}. */
public class SessionEventRecorder {

  static final String COMPONENT = "debugsession-operator";
  private static final Logger LOG = LoggerFactory.getLogger(SessionEventRecorder.class);
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;

  public SessionEventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void record(DebugSession session, SessionEvent event) {
    String namespace = session.getMetadata().getNamespace();
    write(namespace, session.getMetadata().getName(), new ObjectReferenceBuilder()
        .withApiVersion(session.getApiVersion())
        .withKind(session.getKind())
        .withNamespace(namespace)
        .withName(session.getMetadata().getName())
        .withUid(session.getMetadata().getUid())
        .withResourceVersion(session.getMetadata().getResourceVersion())
        .build(), event);
  }

  /** An Event on the debugged pod, for {@code kubectl describe pod}. */
  public void recordOnPod(String namespace, String podName, String podUid, SessionEvent event) {
    write(namespace, podName, new ObjectReferenceBuilder()
        .withApiVersion("v1")
        .withKind("Pod")
        .withNamespace(namespace)
        .withName(podName)
        .withUid(podUid)
        .build(), event);
  }

  private void write(String namespace, String objectName, ObjectReference involved, SessionEvent event) {
    String now = Instant.now().toString();
    Event e = new EventBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(objectName + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
        .endMetadata()
        .withInvolvedObject(involved)
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
      // An Event is a courtesy to humans; status, logs and the audit trail carry the same facts.
      LOG.warn("Could not record Event {} on {} {}/{}: {}", event.reason(), involved.getKind(), namespace,
          objectName, LogText.quoted(ex.getMessage()));
    }
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
