package io.debugsession.operator.testsupport;

/**
 * One PUT or PATCH received on {@code pods/{name}/ephemeralcontainers}, with the code it was answered.
 * Lets tests assert "the operator added the container once" or "it used a JSON patch".
 */
public record SubresourceWrite(String namespace, String pod, String method, String contentType, String body,
    int responseCode) {

  public boolean succeeded() {
    return responseCode >= 200 && responseCode < 300;
  }
}
