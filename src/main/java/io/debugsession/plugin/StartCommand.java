package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true,
    description = {"Ask for a debug container next to a container of POD, wait until it runs, and attach to it.",
        "The requester is who the API server says you are. Arguments after -- are the debugger's command."})
final class StartCommand extends ClusterCommand {

  /** Phases after which start stops waiting (AwaitingApproval only says who may approve, then waits on). */
  private static final Set<Phase> DECIDED = EnumSet.of(Phase.Active, Phase.Denied, Phase.Failed, Phase.Expired,
      Phase.Ended);

  @Parameters(index = "0", paramLabel = "POD", description = "The pod to debug.")
  String pod;

  @Parameters(index = "1..*", paramLabel = "CMD", description = "The debugger's command and arguments (default: sh).")
  List<String> command;

  @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER",
      description = "The container whose processes the debugger sees (default: the pod's only container).")
  String container;

  @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "busybox:1.37",
      description = "The debugger's image (default: ${DEFAULT-VALUE}).")
  String image;

  @Option(names = "--profile", paramLabel = "PROFILE",
      description = "general, baseline, restricted, netadmin or sysadmin (default: baseline).")
  String profile;

  @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the debugger may live, e.g. 15m "
      + "(default: the policy's).")
  String ttl;

  @Option(names = "--reason", required = true, paramLabel = "TEXT",
      description = "Why (incident or ticket); recorded in the audit trail.")
  String reason;

  @Option(names = "--name", paramLabel = "NAME", description = "The session's name (default: POD-debug-<random>).")
  String name;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to wait for the session to start (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--no-attach", description = "Create the session and wait for it, but do not attach.")
  boolean noAttach;

  StartCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    SessionClient sessions = new SessionClient(cluster);
    Identity me = cluster.identity();
    DebugSession created = sessions.create(session(me.userName(), targetContainer(cluster)));
    String sessionName = created.getMetadata().getName();
    env.out().println("debugsession/" + sessionName + " created in namespace " + cluster.namespace()
        + " (requester " + me.userName() + ")");
    SessionWaiter waiter = new SessionWaiter(sessions, env.pollInterval());
    DebugSession decided = waiter.await(sessionName, s -> DECIDED.contains(SessionWaiter.phase(s)), timeout,
        "the session to start", s -> progress(s, cluster.namespace()));
    Phase phase = SessionWaiter.phase(decided);
    if (phase == Phase.Denied) {
      env.err().println("debugsession \"" + sessionName + "\" was denied:");
      DenialReasons.of(decided.getStatus().getMessage()).forEach(r -> env.err().println("  - " + r));
      return 1;
    }
    if (phase != Phase.Active) {
      throw new PluginException("debugsession \"" + sessionName + "\" is " + phase + ": "
          + decided.getStatus().getMessage());
    }
    if (noAttach) {
      env.out().println("Attach with: kubectl debugsession attach " + sessionName + " -n " + cluster.namespace());
      return 0;
    }
    return new Attacher(cluster, waiter, env).attach(decided, timeout);
  }

  /**
   * The target container, checked against the pod when the user may read it; otherwise the operator checks it
   * (the session then fails with its reason).
   */
  private String targetContainer(ClusterConnection cluster) {
    Pod target;
    try {
      target = cluster.call(KubeAction.named("get", "pods", pod, cluster.namespace()),
          () -> cluster.client().pods().inNamespace(cluster.namespace()).withName(pod).get());
    } catch (PluginException forbiddenOrUnreachable) {
      if (forbiddenOrUnreachable.getMessage().startsWith("forbidden:")) {
        return container;
      }
      throw forbiddenOrUnreachable;
    }
    if (target == null) {
      throw new PluginException("pod \"" + pod + "\" not found in namespace " + cluster.namespace());
    }
    return TargetContainer.choose(target, container);
  }

  private DebugSession session(String requester, String targetContainer) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec(pod, targetContainer));
    spec.setImage(image);
    spec.setProfile(profile == null ? Profile.BASELINE : profile(profile));
    spec.setTtl(ttl);
    spec.setReason(reason);
    spec.setRequester(requester);
    if (command != null && !command.isEmpty()) {
      spec.setCommand(List.of(command.get(0)));
      spec.setArgs(command.size() > 1 ? List.copyOf(command.subList(1, command.size())) : null);
    }
    DebugSession session = new DebugSession();
    ObjectMetaBuilder metadata = new ObjectMetaBuilder();
    if (name != null) {
      metadata.withName(name);
    } else {
      metadata.withGenerateName(pod + "-debug-");
    }
    session.setMetadata(metadata.build());
    session.setSpec(spec);
    return session;
  }

  private static Profile profile(String value) {
    return Arrays.stream(Profile.values()).filter(p -> p.value().equals(value)).findFirst()
        .orElseThrow(() -> new PluginException("unknown profile \"" + value + "\": use one of "
            + String.join(", ", Arrays.stream(Profile.values()).map(Profile::value).toList())));
  }

  private void progress(DebugSession session, String namespace) {
    Phase phase = SessionWaiter.phase(session);
    String message = session.getStatus() == null ? null : session.getStatus().getMessage();
    switch (phase) {
      case AwaitingApproval -> {
        env.out().println("Waiting for approval (until " + session.getStatus().getApprovalExpiresAt() + ").");
        ApproverHint.lines(session.getMetadata().getName(), namespace, session.getStatus().getApprovers())
            .forEach(env.out()::println);
      }
      case Denied -> { } // start prints every reason
      default -> env.out().println(phase + (message == null ? "" : ": " + message));
    }
    env.out().flush();
  }
}
