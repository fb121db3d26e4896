/**
 * Test support for running the operator against the real kube-apiserver of the test tier.
 *
 * <ul>
 * <li>{@code cluster}: the real control plane (etcd + kube-apiserver built by {@code test/cluster/build.sh}), the
 * users the tests act as, and a namespace per test.</li>
 * <li>{@code proxy}: a fault-injecting HTTP proxy in front of the real server, for what it cannot be made to do on
 * demand (a lost response, a 5xx, a 409 storm, a timeout), and the kubelet's end of an exec, which the real server
 * has authorised and checked first.</li>
 * <li>{@link io.debugsession.operator.testsupport.PodStatusWriter}: what a kubelet would report, written through
 * the real {@code pods/status} subresource.</li>
 * <li>{@link io.debugsession.operator.testsupport.RbacVerbs}: the RBAC attributes the server derives from a
 * request, so a test can compare what the operator used with what its ClusterRole grants.</li>
 * </ul>
 */
package io.debugsession.operator.testsupport;
