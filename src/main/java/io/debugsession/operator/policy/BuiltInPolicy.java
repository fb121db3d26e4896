package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.ApproverSet;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in default policy. It governs every namespace that no DebugPolicy governs, and it supplies the value of
 * every field a DebugPolicy leaves out, so that a policy never loosens what it does not mention:
 * <ul>
 *   <li>images: any image; no digest required (a policy without images.allowed allows any image too)</li>
 *   <li>profiles: baseline and restricted</li>
 *   <li>ttl: 15m when the session names none; at most 30m</li>
 *   <li>approval: not required; a policy that requires approval without a timeout lets a session wait 30m</li>
 *   <li>maxEphemeralContainersPerPod: 10</li>
 *   <li>onExpiry: Stop</li>
 *   <li>onStopFailure: Report</li>
 * </ul>
 */
public final class BuiltInPolicy {

  /** How verdicts name this policy among the governing ones. */
  public static final String NAME = "built-in default";

  public static final boolean REQUIRE_DIGEST = false;
  public static final Set<Profile> PROFILES =
      Collections.unmodifiableSet(EnumSet.of(Profile.BASELINE, Profile.RESTRICTED));
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
  public static final Duration MAX_TTL = Duration.ofMinutes(30);
  public static final boolean APPROVAL_REQUIRED = false;
  public static final Duration APPROVAL_TIMEOUT = Duration.ofMinutes(30);
  public static final int MAX_EPHEMERAL_CONTAINERS_PER_POD = 10;
  public static final OnExpiry ON_EXPIRY = OnExpiry.STOP;
  public static final OnStopFailure ON_STOP_FAILURE = OnStopFailure.REPORT;

  static final PolicyTerms TERMS = new PolicyTerms(NAME, "the built-in default policy", null, REQUIRE_DIGEST,
      PROFILES, DEFAULT_TTL, MAX_TTL, APPROVAL_REQUIRED, new ApproverSet(NAME, List.of(), List.of()), APPROVAL_TIMEOUT,
      MAX_EPHEMERAL_CONTAINERS_PER_POD, ON_EXPIRY, ON_STOP_FAILURE, List.of());

  private BuiltInPolicy() {}
}
