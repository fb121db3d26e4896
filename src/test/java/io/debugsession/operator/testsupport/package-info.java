/**
 * Test support: a fabric8 mock API server that behaves like kube-apiserver where this operator needs it.
 *
 * <pre>
 * try (EmulatedKubeApiServer api = EmulatedKubeApiServer.start();      // CRUD mock, http (start(true): https)
 *     KubernetesClient client = api.createClient()) {                   // or api.createClientFromUrl(), api.url()
 *   client.resource(TestPods.scheduledApp("test", "app")).create();
 *
 *   // pods/{name}/ephemeralcontainers: GET, PUT, JSON / merge / strategic-merge PATCH, real 404/409/422
 *   api.ephemeralContainers().failNextWrites(1, ApiStatus.podSecurityRestricted("app", "dbg1")); // play PSA
 *   api.ephemeralContainers().writesReceived();                          // "never adds twice"
 *
 *   // pods/{name}/exec over v4.channel.k8s.io
 *   api.exec().setHandler(req -> ExecResult.success("debugsession-stop signal=TERM signalled=2\n"));
 *   api.exec().rejectNext(1, ApiStatus.noHostAssigned("app"));
 *   api.exec().calls();
 *
 *   // what a kubelet would report
 *   new PodStatusWriter(client).ephemeralTerminated("test", "app", "dbg1", 143, "docker.io/library/busybox@sha256:...");
 *
 *   // pods/{name}/eviction: 201 Success and the pod deleted (watches fire); 404; a PodDisruptionBudget's 429
 *   new PodStatusWriter(client).podRunning("test", "app");                   // a Pending pod bypasses budgets
 *   api.evictions().blockNext(1, "app-pdb", 1, 1);                      // fabric8 retries 429 on its own!
 *   api.evictions().calls();
 *
 *   // every request received, and the RBAC (apiGroup, resource[/subresource], verb) it needs
 *   api.requests().requests();
 *   api.requests().rbac();                                               // see RbacVerbs
 * }
 * </pre>
 *
 * See the class comments of EphemeralContainersEmulation, ExecEmulation, EvictionEmulation, DirectPodUpdateGuard
 * and RequestLog for where the emulation differs from a real server.
 */
package io.debugsession.operator.testsupport;
