package io.debugsession.operator.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Whether a session's image is one every governing policy allows, pinned by digest where one requires it. */
final class ImageCheck {

  private ImageCheck() {}

  static List<String> reasons(String image, EffectivePolicy policy) {
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    List<String> reasons = new ArrayList<>();
    for (PolicyTerms terms : policy.imageRestrictions()) {
      if (terms.allowedImages().stream().noneMatch(p -> p.matches(reference))) {
        reasons.add("image \"" + reference.name() + "\" is not allowed by " + terms.label() + " (allowed: "
            + allowed(terms.allowedImages()) + ")");
      }
    }
    List<String> digestRequiredBy = policy.digestRequiredBy();
    if (!reference.hasDigest() && !digestRequiredBy.isEmpty()) {
      reasons.add("image \"" + image + "\" must be pinned by digest (required by "
          + String.join(", ", digestRequiredBy) + ")");
    }
    return reasons;
  }

  private static String allowed(List<ImagePattern> patterns) {
    return patterns.isEmpty()
        ? "none"
        : patterns.stream().map(ImagePattern::toString).collect(Collectors.joining(", "));
  }
}
