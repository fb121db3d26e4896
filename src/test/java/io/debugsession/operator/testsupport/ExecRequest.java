package io.debugsession.operator.testsupport;

import java.util.List;

/**
 * One exec the kubelet end of {@code pods/{name}/exec} received, decoded from its query string.
 *
 * @param container the {@code container} parameter; fabric8 always sends one (it picks a default itself)
 */
public record ExecRequest(String namespace, String pod, String container, List<String> command, boolean stdin,
    boolean stdout, boolean stderr, boolean tty) {
}
