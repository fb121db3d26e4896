package io.debugsession.plugin;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/**
 * Turns what the API server (or the network) said into one line a user can act on: which permission is missing,
 * that the CRDs are not installed and how to install them, that the cluster cannot be reached, or the server's own
 * words for a refused object (schema, CEL and admission messages are written for people already).
 */
final class KubeErrors {

  private KubeErrors() {}

  static String describe(KubernetesClientException e, KubeAction action, String server) {
    IOException io = ioCause(e);
    if (e.getCode() <= 0 && io != null) {
      return "cannot reach the cluster at " + server + ": " + ioMessage(io);
    }
    Status status = e.getStatus();
    String serverMessage = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    return switch (e.getCode()) {
      case 401 -> "unauthorized: the cluster at " + server + " did not accept your credentials (log in again, or "
          + "check the kubeconfig's user)";
      case 403 -> "forbidden: you may not " + action.permission() + " (ask your cluster administrator for that "
          + "permission" + roleHint(action) + "); the API server said: " + serverMessage;
      case 404 -> notFound(status, action, serverMessage);
      case 409 -> "conflict: " + serverMessage;
      case 0 -> "request to " + server + " failed: " + e.getMessage();
      default -> serverMessage;
    };
  }

  /** 404 for a whole resource type, rather than for one object, means the CRDs are not installed. */
  private static String notFound(Status status, KubeAction action, String serverMessage) {
    boolean objectMissing = status != null && status.getDetails() != null && status.getDetails().getName() != null;
    if (action.isDebugSessionApi() && !objectMissing) {
      return notInstalled(action.resource());
    }
    if (objectMissing) {
      String kind = status.getDetails().getKind() == null ? action.resource() : status.getDetails().getKind();
      return kind + " \"" + status.getDetails().getName() + "\" not found"
          + (action.namespace() == null ? "" : " in namespace " + action.namespace());
    }
    return serverMessage;
  }

  /** What to say when the API server has no {@code resource} at all (the CRDs are not installed). */
  static String notInstalled(String resource) {
    return "the " + resource + " API is not installed in this cluster (the API server has no such resource): "
        + Api.INSTALL_HINT;
  }

  private static String roleHint(KubeAction action) {
    if (action.resource().equals(Api.SESSIONS) && action.verb().equals("create")) {
      return ", e.g. the debugsession-requester role";
    }
    if (action.resource().equals(Api.SESSIONS) && action.verb().equals("patch")) {
      return ", e.g. the debugsession-requester or debugsession-approver role";
    }
    if (action.isDebugSessionApi()) {
      return ", e.g. the debugsession-requester, -approver or -auditor role";
    }
    if (action.resource().equals("configmaps") && ChainHeads.DEFAULT_CONFIG_MAP.equals(action.name())) {
      return ", e.g. the Role debugsession-audit-chain-reader of that namespace";
    }
    return "";
  }

  private static IOException ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private static String ioMessage(IOException io) {
    for (Throwable t = io; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        // The JDK HTTP client's ConnectException says nothing, or wraps a ClosedChannelException
        return t.getMessage() == null || t.getMessage().isEmpty() ? "connection refused" : t.getMessage();
      }
    }
    Throwable root = io;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
