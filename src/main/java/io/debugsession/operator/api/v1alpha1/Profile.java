package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** Security profiles with the same meaning as {@code kubectl debug --profile}. */
public enum Profile {
  GENERAL("general"),
  BASELINE("baseline"),
  RESTRICTED("restricted"),
  NETADMIN("netadmin"),
  SYSADMIN("sysadmin");

  private final String value;

  Profile(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
