package io.debugsession.operator.container;

import io.debugsession.operator.api.v1alpha1.Profile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The debug container's security context per profile, with the meaning {@code kubectl debug --profile} gives them, so
 * that Pod Security Admission treats our debugger exactly as it would treat kubectl's.
 */
public final class SecurityProfiles {

  private SecurityProfiles() {}

  /** The security context for {@code profile}, or null for baseline (no extra privileges, no restrictions). */
  public static SecurityContext securityContextFor(Profile profile) {
    return switch (profile) {
      case GENERAL -> new SecurityContextBuilder()
          .withNewCapabilities().addToAdd("SYS_PTRACE").endCapabilities()
          .build();
      case BASELINE -> null;
      case RESTRICTED -> new SecurityContextBuilder()
          .withRunAsNonRoot(true)
          .withAllowPrivilegeEscalation(false)
          .withNewCapabilities().addToDrop("ALL").endCapabilities()
          .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
          .build();
      case NETADMIN -> new SecurityContextBuilder()
          .withNewCapabilities().addToAdd("NET_ADMIN", "NET_RAW").endCapabilities()
          .build();
      case SYSADMIN -> new SecurityContextBuilder().withPrivileged(true).build();
    };
  }
}
