package io.debugsession.plugin;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Asks the API server who we are ({@code kubectl auth whoami}): the requester and approver names the plugin writes
 * come from here, never from a flag, so that they are the names admission checks against.
 */
final class WhoAmI {

  private WhoAmI() {}

  static Identity ask(KubernetesClient client) {
    SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
    UserInfo user = review.getStatus() == null ? null : review.getStatus().getUserInfo();
    if (user == null || user.getUsername() == null || user.getUsername().isEmpty()) {
      throw new PluginException("the API server did not say who you are (SelfSubjectReview returned no user name)");
    }
    return new Identity(user.getUsername(), user.getGroups());
  }
}
