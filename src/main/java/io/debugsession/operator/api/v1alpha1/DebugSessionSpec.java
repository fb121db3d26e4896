package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What the SRE asks for. Everything but {@code end} (with {@code endedBy}) and a one-time {@code approval} is fixed at
 * creation: the audit
 * trail and the running container must never disagree with the object that requested them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.target == oldSelf.target", message = "spec.target is immutable")
@ValidationRule(value = "self.image == oldSelf.image", message = "spec.image is immutable")
@ValidationRule(value = "self.profile == oldSelf.profile", message = "spec.profile is immutable")
@ValidationRule(value = "self.reason == oldSelf.reason", message = "spec.reason is immutable")
@ValidationRule(
    value = "has(self.ttl) == has(oldSelf.ttl) && (!has(self.ttl) || self.ttl == oldSelf.ttl)",
    message = "spec.ttl is immutable")
@ValidationRule(
    value = "has(self.command) == has(oldSelf.command) && (!has(self.command) || self.command == oldSelf.command)",
    message = "spec.command is immutable")
@ValidationRule(
    value = "has(self.args) == has(oldSelf.args) && (!has(self.args) || self.args == oldSelf.args)",
    message = "spec.args is immutable")
@ValidationRule(
    value = "!has(oldSelf.end) || !oldSelf.end || (has(self.end) && self.end)",
    message = "spec.end cannot be unset once true")
@ValidationRule(
    value = "has(self.requester) == has(oldSelf.requester) && (!has(self.requester) || self.requester == oldSelf.requester)",
    message = "spec.requester is immutable")
@ValidationRule(
    value = "!has(oldSelf.approval) || (has(self.approval) && self.approval == oldSelf.approval)",
    message = "spec.approval cannot be changed once given")
@ValidationRule(
    value = "!has(self.endedBy) || (has(self.end) && self.end)",
    message = "spec.endedBy is set together with spec.end: true")
@ValidationRule(
    value = "has(oldSelf.endedBy) ? (has(self.endedBy) && self.endedBy == oldSelf.endedBy)"
        + " : (!has(self.endedBy) || !has(oldSelf.end) || !oldSelf.end)",
    message = "spec.endedBy is set in the update that sets spec.end, and cannot change afterwards")
@ValidationRule(
    value = "(has(self.command) ? self.command.map(c, size(c)).sum() : 0)"
        + " + (has(self.args) ? self.args.map(a, size(a)).sum() : 0) <= " + DebugSessionSpec.MAX_COMMAND_CHARS,
    message = "command and args together must not exceed " + DebugSessionSpec.MAX_COMMAND_CHARS + " characters")
public class DebugSessionSpec {

  /** Each command or args item; the debug container's command line is the user's, under the deadline wrapper. */
  static final int MAX_ARGUMENT_CHARS = 4096;
  /** All of command and args: they go into the pod object, which etcd caps near 1.5 MB for all its containers. */
  static final int MAX_COMMAND_CHARS = 16384;

  @Required
  @JsonPropertyDescription("The pod and container to debug. The debug container joins the target container's process namespace.")
  private TargetSpec target;

  @Required
  @Size(min = 1, max = 512)
  @Pattern("^\\S+$")
  @JsonPropertyDescription(
      "Image of the debug container, e.g. busybox:1.37 or an image pinned by digest. It must provide a POSIX sh, "
          + "date, sleep, readlink and kill: the operator wraps the command to bound it by the session's TTL.")
  private String image;

  @Size(max = 32)
  @JsonPropertyDescription(
      "Command to run in the debug container (default [\"sh\"]). Runs under the operator's deadline wrapper, "
          + "so the image's ENTRYPOINT is not used. At most 32 items of 4096 characters; command and args together "
          + "at most 16384 characters.")
  private List<@Size(max = MAX_ARGUMENT_CHARS) String> command;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Arguments appended to the command. At most 64 items of 4096 characters; command and args together at most "
          + "16384 characters.")
  private List<@Size(max = MAX_ARGUMENT_CHARS) String> args;

  @Default("baseline")
  @JsonPropertyDescription(
      "Security profile of the debug container, as kubectl debug --profile: general (adds SYS_PTRACE), baseline "
          + "(no extra privileges), restricted (non-root, drops ALL, no privilege escalation, seccomp RuntimeDefault), "
          + "netadmin (NET_ADMIN, NET_RAW), sysadmin (privileged).")
  private Profile profile = Profile.BASELINE;

  @Size(max = 16)
  @Pattern(TtlSchema.PATTERN)
  @ValidationRule(value = TtlSchema.ONE_MINUTE_TO_A_DAY, message = "ttl must be between 1m and 24h")
  @JsonPropertyDescription(
      "How long the debug container may live after injection, as a duration like 90s, 15m or 1h30m (1m to 24h). "
          + "Omitted: the operator's default (15m unless configured otherwise).")
  private String ttl;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Why this session is needed (incident or ticket reference); recorded in the audit trail.")
  private String reason;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription(
      "Your user name as the API server authenticates you (kubectl auth whoami). Where the debugsession-identity "
          + "ValidatingAdmissionPolicy is installed, the API server refuses any other value, so the audit trail "
          + "records who really asked.")
  private String requester;

  @JsonPropertyDescription(
      "An approver's decision, set once by the approver (a patch) when a DebugPolicy requires approval. The "
          + "debugsession-identity admission policy checks that approver is the authenticated user and not the requester.")
  private ApprovalSpec approval;

  @JsonPropertyDescription(
      "Set to true to end the session early: the operator stops the debug container and the session becomes Ended. "
          + "Cannot be unset. Where the debugsession-identity admission policy is installed, only the requester may "
          + "set it alone; an approver of the session sets endedBy with it.")
  private Boolean end;

  @Size(min = 1, max = 253)
  @JsonPropertyDescription(
      "Who ends the session: your user name as the API server authenticates you, set in the same update as end. "
          + "Where the debugsession-identity admission policy is installed, the API server refuses any name but "
          + "yours, and an end from anyone but the requester or an approver of this session (status.approvers); "
          + "omitted, only the requester may end it.")
  private String endedBy;

  public TargetSpec getTarget() {
    return target;
  }

  public void setTarget(TargetSpec target) {
    this.target = target;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<String> getCommand() {
    return command;
  }

  public void setCommand(List<String> command) {
    this.command = command;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }

  public Profile getProfile() {
    return profile;
  }

  public void setProfile(Profile profile) {
    this.profile = profile;
  }

  public String getTtl() {
    return ttl;
  }

  public void setTtl(String ttl) {
    this.ttl = ttl;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public Boolean getEnd() {
    return end;
  }

  public void setEnd(Boolean end) {
    this.end = end;
  }

  public String getEndedBy() {
    return endedBy;
  }

  public void setEndedBy(String endedBy) {
    this.endedBy = endedBy;
  }

  public String getRequester() {
    return requester;
  }

  public void setRequester(String requester) {
    this.requester = requester;
  }

  public ApprovalSpec getApproval() {
    return approval;
  }

  public void setApproval(ApprovalSpec approval) {
    this.approval = approval;
  }

  /** The profile asked for, or baseline when none is (the schema's default, for objects that skipped it). */
  public Profile profileOrDefault() {
    return profile == null ? Profile.BASELINE : profile;
  }

  /** True once the requester asked to end the session early. */
  public boolean endRequested() {
    return Boolean.TRUE.equals(end);
  }
}
