package io.debugsession.operator.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.chain.ChainState;
import io.debugsession.operator.audit.chain.ChainStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain's state in a ConfigMap, against the fabric8 mock API server in CRUD mode (409 on a stale write). */
@EnableKubernetesMockClient(crud = true)
class ConfigMapChainStoreTest {

  private static final String NAMESPACE = "debugsession-system";
  private static final String NAME = "debugsession-audit-chain";

  KubernetesClient client;

  private ConfigMapChainStore store() {
    return new ConfigMapChainStore(client, NAMESPACE, NAME);
  }

  @Test
  void loadOfAnAbsentConfigMapIsTheGenesisWithoutVersion() {
    ChainStore.Stored stored = store().load();

    assertThat(stored.state()).isEqualTo(ChainState.genesis());
    assertThat(stored.version()).isNull();
  }

  @Test
  void theFirstSaveCreatesTheConfigMapWithTheStateAsItsData() {
    ChainState state = chained(1);

    ChainStore.Stored saved = store().save(store().load(), state);

    ConfigMap map = configMap();
    assertThat(map.getData()).isEqualTo(state.toData());
    assertThat(map.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "debug-session-operator")
        .containsEntry("app.kubernetes.io/component", "audit-chain");
    assertThat(map.getMetadata().getAnnotations()).containsKey("debugsession.io/description");
    assertThat(saved.state()).isEqualTo(state);
    assertThat(saved.version()).isNotNull().isEqualTo(map.getMetadata().getResourceVersion());
  }

  @Test
  void loadReadsBackWhatWasSavedWithItsVersion() {
    ChainState state = chained(2);
    ChainStore.Stored saved = store().save(store().load(), state);

    ChainStore.Stored loaded = store().load();

    assertThat(loaded.state()).isEqualTo(state);
    assertThat(loaded.state().outbox()).isEqualTo(state.outbox());
    assertThat(loaded.version()).isEqualTo(saved.version());
  }

  @Test
  void aSaveFromTheCurrentVersionReplacesTheState() {
    ChainStore.Stored first = store().save(store().load(), chained(1));
    ChainState next = chained(3).deliveredThrough(2);

    ChainStore.Stored second = store().save(first, next);

    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(store().load()).isEqualTo(second);
    assertThat(configMap().getData()).isEqualTo(next.toData());
  }

  @Test
  void aSaveFromAStaleVersionIsAConflictAndChangesNothing() {
    ChainStore.Stored first = store().save(store().load(), chained(1));
    ChainStore.Stored second = store().save(first, chained(2));

    assertThatThrownBy(() -> store().save(first, chained(3)))
        .isInstanceOf(ChainStore.ConflictException.class)
        .hasMessage("ConfigMap " + NAMESPACE + "/" + NAME + " changed since it was read");
    assertThat(store().load()).isEqualTo(second);
  }

  @Test
  void aSecondWriterCreatingTheConfigMapItAlsoSawAbsentGetsAConflict() {
    ChainStore.Stored nothing = store().load();
    ChainStore.Stored winner = store().save(nothing, chained(1));

    assertThatThrownBy(() -> store().save(nothing, chained(2)))
        .isInstanceOf(ChainStore.ConflictException.class)
        .hasMessage("ConfigMap " + NAMESPACE + "/" + NAME + " changed since it was read");
    assertThat(store().load()).isEqualTo(winner);
  }

  @Test
  void aConfigMapWithoutTheHeadIsDamagedNotTheGenesis() {
    client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
        .withNewMetadata().withNamespace(NAMESPACE).withName(NAME).endMetadata()
        .build()).create();

    assertThatThrownBy(() -> store().load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head data must have the keys sequence and hash");
  }

  @Test
  void aConfigMapWithADamagedHeadIsRefused() {
    client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
        .withNewMetadata().withNamespace(NAMESPACE).withName(NAME).endMetadata()
        .withData(Map.of("sequence", "12", "hash", "edited"))
        .build()).create();

    assertThatThrownBy(() -> store().load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head hash \"edited\" is not 64 lowercase hexadecimal digits");
  }

  @Test
  void describeNamesTheConfigMap() {
    assertThat(store().describe()).isEqualTo("ConfigMap debugsession-system/debugsession-audit-chain");
  }

  private ConfigMap configMap() {
    return client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
  }

  /** The genesis with {@code count} records appended, all still in the outbox. */
  private static ChainState chained(int count) {
    List<AuditRecord> records = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      records.add(AuditRecord.builder(AuditEvent.REQUESTED)
          .recordId("record-" + n)
          .time(Instant.parse("2030-05-01T10:00:00Z").plusSeconds(n))
          .session("uid-" + n, "shop", "session-" + n)
          .requester("alice@example.com", true)
          .reason("INC-" + n)
          .operatorVersion("0.1.0")
          .build());
    }
    return ChainState.genesis().append(records).state();
  }
}
