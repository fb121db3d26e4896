package io.debugsession.operator.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.Profile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import org.junit.jupiter.api.Test;

class SecurityProfilesTest {

  @Test
  void generalAddsSysPtraceOnly() {
    SecurityContext context = SecurityProfiles.securityContextFor(Profile.GENERAL);

    assertThat(context).isEqualTo(new SecurityContextBuilder()
        .withNewCapabilities().addToAdd("SYS_PTRACE").endCapabilities()
        .build());
  }

  @Test
  void baselineSetsNoSecurityContext() {
    SecurityContext context = SecurityProfiles.securityContextFor(Profile.BASELINE);

    assertThat(context).isNull();
  }

  @Test
  void restrictedMeetsPodSecurityRestricted() {
    SecurityContext context = SecurityProfiles.securityContextFor(Profile.RESTRICTED);

    assertThat(context).isEqualTo(new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().addToDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build());
  }

  @Test
  void netadminAddsNetAdminAndNetRaw() {
    SecurityContext context = SecurityProfiles.securityContextFor(Profile.NETADMIN);

    assertThat(context).isEqualTo(new SecurityContextBuilder()
        .withNewCapabilities().addToAdd("NET_ADMIN", "NET_RAW").endCapabilities()
        .build());
  }

  @Test
  void sysadminIsPrivileged() {
    SecurityContext context = SecurityProfiles.securityContextFor(Profile.SYSADMIN);

    assertThat(context).isEqualTo(new SecurityContextBuilder().withPrivileged(true).build());
  }
}
