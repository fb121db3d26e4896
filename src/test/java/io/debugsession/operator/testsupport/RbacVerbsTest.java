package io.debugsession.operator.testsupport;

import io.debugsession.operator.testsupport.RbacVerbs.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RbacVerbs against the API server's RequestInfoFactory rules, one request per row. */
class RbacVerbsTest {

  @ParameterizedTest(name = "{0} {1}?{2} -> [{3}] {4} {5}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # method | path                                                         | query                                   | group              | resource                 | verb
      # core group, namespaced: item vs collection
      GET    | /api/v1/namespaces/test/pods/app                               | null                                    | ''                 | pods                     | get
      HEAD   | /api/v1/namespaces/test/pods/app                               | null                                    | ''                 | pods                     | get
      GET    | /api/v1/namespaces/test/pods                                   | labelSelector=app%3Dweb                 | ''                 | pods                     | list
      GET    | /api/v1/namespaces/test/pods                                   | watch=true&resourceVersion=12           | ''                 | pods                     | watch
      GET    | /api/v1/namespaces/test/pods                                   | watch=1                                 | ''                 | pods                     | watch
      GET    | /api/v1/namespaces/test/pods                                   | watch=                                  | ''                 | pods                     | watch
      GET    | /api/v1/namespaces/test/pods                                   | watch=false                             | ''                 | pods                     | list
      GET    | /api/v1/namespaces/test/pods                                   | watch=0                                 | ''                 | pods                     | list
      GET    | /api/v1/namespaces/test/pods                                   | fieldSelector=metadata.name%3Dapp&watch=true | ''            | pods                     | watch
      GET    | /api/v1/namespaces/test/pods/app                               | watch=true                              | ''                 | pods                     | get
      POST   | /api/v1/namespaces/test/pods                                   | null                                    | ''                 | pods                     | create
      PUT    | /api/v1/namespaces/test/pods/app                               | null                                    | ''                 | pods                     | update
      PATCH  | /api/v1/namespaces/test/pods/app                               | null                                    | ''                 | pods                     | patch
      DELETE | /api/v1/namespaces/test/pods/app                               | null                                    | ''                 | pods                     | delete
      DELETE | /api/v1/namespaces/test/pods                                   | labelSelector=app%3Dweb                 | ''                 | pods                     | deletecollection
      # cluster-wide and cluster-scoped
      GET    | /api/v1/pods                                                   | null                                    | ''                 | pods                     | list
      GET    | /api/v1/nodes/node-1                                           | null                                    | ''                 | nodes                    | get
      GET    | /api/v1/namespaces                                             | null                                    | ''                 | namespaces               | list
      GET    | /api/v1/namespaces/test                                        | null                                    | ''                 | namespaces               | get
      PUT    | /api/v1/namespaces/test/status                                 | null                                    | ''                 | namespaces/status        | update
      PUT    | /api/v1/namespaces/test/finalize                               | null                                    | ''                 | namespaces/finalize      | update
      # pod subresources
      GET    | /api/v1/namespaces/test/pods/app/exec                          | command=sh&container=dbg1&stdout=true   | ''                 | pods/exec                | get
      POST   | /api/v1/namespaces/test/pods/app/exec                          | command=sh                              | ''                 | pods/exec                | create
      PATCH  | /api/v1/namespaces/test/pods/app/ephemeralcontainers           | null                                    | ''                 | pods/ephemeralcontainers | patch
      PUT    | /api/v1/namespaces/test/pods/app/ephemeralcontainers           | null                                    | ''                 | pods/ephemeralcontainers | update
      GET    | /api/v1/namespaces/test/pods/app/ephemeralcontainers           | null                                    | ''                 | pods/ephemeralcontainers | get
      POST   | /api/v1/namespaces/test/pods/app/eviction                      | null                                    | ''                 | pods/eviction            | create
      GET    | /api/v1/namespaces/test/pods/app/log                           | container=app                           | ''                 | pods/log                 | get
      PATCH  | /api/v1/namespaces/test/pods/app/status                        | null                                    | ''                 | pods/status              | patch
      # named groups: custom resources and their status, events, leases, PDBs, CRDs
      GET    | /apis/debugsession.io/v1alpha1/debugsessions                   | watch=true&allowWatchBookmarks=true     | debugsession.io    | debugsessions            | watch
      GET    | /apis/debugsession.io/v1alpha1/namespaces/test/debugsessions/s1 | null                                   | debugsession.io    | debugsessions            | get
      PATCH  | /apis/debugsession.io/v1alpha1/namespaces/test/debugsessions/s1/status | null                            | debugsession.io    | debugsessions/status     | patch
      PUT    | /apis/debugsession.io/v1alpha1/namespaces/test/debugsessions/s1/status | null                            | debugsession.io    | debugsessions/status     | update
      GET    | /apis/debugsession.io/v1alpha1/debugpolicies/default           | null                                    | debugsession.io    | debugpolicies            | get
      POST   | /apis/events.k8s.io/v1/namespaces/test/events                  | null                                    | events.k8s.io      | events                   | create
      POST   | /api/v1/namespaces/test/events                                 | null                                    | ''                 | events                   | create
      PUT    | /apis/coordination.k8s.io/v1/namespaces/test/leases/operator   | null                                    | coordination.k8s.io | leases                  | update
      GET    | /apis/policy/v1/namespaces/test/poddisruptionbudgets           | null                                    | policy             | poddisruptionbudgets     | list
      GET    | /apis/apiextensions.k8s.io/v1/customresourcedefinitions/debugsessions.debugsession.io | null             | apiextensions.k8s.io | customresourcedefinitions | get
      # deprecated verb-in-path forms
      GET    | /api/v1/watch/namespaces/test/pods                             | null                                    | ''                 | pods                     | watch
      GET    | /api/v1/watch/namespaces/test/pods/app                         | null                                    | ''                 | pods                     | watch
      GET    | /api/v1/proxy/namespaces/test/pods/app/metrics                 | null                                    | ''                 | pods                     | proxy
      """)
  void derivesGroupResourceAndVerb(String method, String path, String query, String group, String resource,
      String verb) {
    assertThat(RbacVerbs.of(method, path, query)).contains(new Rule(group, resource, verb));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      GET | /
      GET | /api
      GET | /api/v1
      GET | /apis
      GET | /apis/debugsession.io
      GET | /apis/debugsession.io/v1alpha1
      GET | /version
      GET | /healthz
      GET | /openapi/v3
      """)
  void discoveryAndOtherNonResourcePathsAreNotResourceRequests(String method, String path) {
    assertThat(RbacVerbs.of(method, path, null)).isEmpty();
  }

  @Test
  void queryMayComeWithThePath() {
    assertThat(RbacVerbs.of("GET", "/api/v1/namespaces/test/pods?watch=true", null))
        .contains(Rule.core("pods", "watch"));
    assertThat(RbacVerbs.of("GET", "/api/v1/namespaces/test/pods/", null)).contains(Rule.core("pods", "list"));
  }

  @Test
  void webSocketExecIsAlsoCheckedForCreateFromKubernetes135() {
    String exec = "/api/v1/namespaces/test/pods/app/exec";
    assertThat(RbacVerbs.checks("GET", exec, "command=sh", false)).containsExactly(Rule.core("pods/exec", "get"));
    assertThat(RbacVerbs.checks("GET", exec, "command=sh", true))
        .containsExactly(Rule.core("pods/exec", "get"), Rule.core("pods/exec", "create"));
    assertThat(RbacVerbs.checks("GET", "/api/v1/namespaces/test/pods/app/attach", null, true))
        .containsExactly(Rule.core("pods/attach", "get"), Rule.core("pods/attach", "create"));
    assertThat(RbacVerbs.checks("POST", exec, "command=sh", true)).containsExactly(Rule.core("pods/exec", "create"));
    assertThat(RbacVerbs.checks("GET", "/api/v1/namespaces/test/pods/app/log", null, true))
        .containsExactly(Rule.core("pods/log", "get"));
  }
}
