/**
 * A fault-injecting reverse proxy in front of a real kube-apiserver ({@link
 * io.debugsession.operator.testsupport.proxy.FaultProxy}): the server stays real, and only what it cannot be
 * made to do on demand - a 5xx, a 429, a 409 storm, a lost or slow answer, running a process for exec - is
 * played, in front of it, never in its place.
 */
package io.debugsession.operator.testsupport.proxy;
