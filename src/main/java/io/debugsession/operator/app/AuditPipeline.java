package io.debugsession.operator.app;

import io.debugsession.operator.audit.chain.AuditTrail;
import io.debugsession.operator.audit.sink.AuditSink;
import io.debugsession.operator.audit.sink.AuditSinkStatus;
import io.debugsession.operator.audit.sink.DiskSpool;
import io.debugsession.operator.audit.sink.HttpAuditSink;
import io.debugsession.operator.audit.sink.JsonLinesSink;
import io.debugsession.operator.audit.sink.SinkSettings;
import io.debugsession.operator.audit.sink.SpoolSink;
import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.adapter.ConfigMapChainStore;
import io.debugsession.operator.adapter.SessionEventRecorder;
import io.debugsession.operator.reconciler.PodNoticeSink;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail with its sinks, started before the controller and stopped after it: the chain in a ConfigMap,
 * the JSON-lines log, (when configured) the disk spool with the HTTP sink draining it, and Events on the debugged
 * pod. A background task delivers what a full spool or a failed write left in the outbox.
 */
public final class AuditPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditPipeline.class);
  private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

  /** Where the HTTP sink sends, and the spool in front of it. */
  public record HttpSink(SinkSettings settings, Path spoolDirectory, long spoolCapacityBytes) {}

  /**
   * Where the chain is kept (a ConfigMap in {@code namespace}) and where records go: {@code log}, the HTTP sink when
   * there is one, and Events on the debugged pods.
   */
  public record Settings(String namespace, String configMap, Optional<HttpSink> http, JsonLinesSink log) {

    /** From the operator's configuration; the chain's namespace defaults to the client's. */
    public static Settings from(KubernetesClient client, OperatorConfig.Audit config) {
      String namespace = config.namespace().orElseGet(client::getNamespace);
      if (namespace == null) {
        throw new IllegalStateException("No namespace for the audit chain's ConfigMap: set "
            + "DEBUGSESSION_AUDIT_NAMESPACE or a namespace in the kubeconfig context");
      }
      Optional<HttpSink> http = config.http().url().map(url -> new HttpSink(
          SinkSettings.defaults(url).withBatchSize(config.http().batchSize())
              .withBearerToken(config.http().bearerTokenFile().map(AuditPipeline::tokenFrom).orElse(null)),
          config.http().spoolDirectory(), config.http().spoolCapacityBytes()));
      return new Settings(namespace, config.chainConfigMap(), http, JsonLinesSink.log());
    }
  }

  private final AuditTrail trail;
  private final DiskSpool spool;
  private final HttpAuditSink sink;
  private final ScheduledExecutorService flusher;

  private AuditPipeline(AuditTrail trail, DiskSpool spool, HttpAuditSink sink, ScheduledExecutorService flusher) {
    this.trail = trail;
    this.spool = spool;
    this.sink = sink;
    this.flusher = flusher;
  }

  public static AuditPipeline start(KubernetesClient client, Settings settings, Clock clock) {
    String namespace = settings.namespace();
    String configMap = settings.configMap();
    Optional<HttpSink> http = settings.http();
    DiskSpool spool = null;
    HttpAuditSink sink = null;
    List<AuditSink> sinks = new ArrayList<>(List.of(settings.log()));
    if (http.isPresent()) {
      try {
        spool = DiskSpool.open(http.get().spoolDirectory(), http.get().spoolCapacityBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open the audit spool in " + http.get().spoolDirectory(), e);
      }
      sink = new HttpAuditSink(spool, http.get().settings());
      sink.start();
      sinks.add(new SpoolSink(spool, clock));
    }
    sinks.add(new PodNoticeSink(new SessionEventRecorder(client)));
    AuditTrail trail = new AuditTrail(new ConfigMapChainStore(client, namespace, configMap), sinks);
    // Whatever a previous run chained but did not deliver goes out first.
    trail.flush();
    ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-outbox");
      t.setDaemon(true);
      return t;
    });
    // Cheap when there is nothing to deliver; reads the chain again after a failure, which may have left records.
    flusher.scheduleWithFixedDelay(trail::flush, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("Audit trail: chain in ConfigMap {}/{}, sinks: {}; {}", namespace, configMap, trail.describeSinks(),
        http.map(h -> "HTTP sink " + h.settings().url() + " draining the spool").orElse("no HTTP sink"));
    return new AuditPipeline(trail, spool, sink, flusher);
  }

  public AuditTrail trail() {
    return trail;
  }

  /** The HTTP sink's health, for metrics; empty without an HTTP sink. */
  public Optional<AuditSinkStatus> sinkStatus() {
    return Optional.ofNullable(sink).map(HttpAuditSink::status);
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    if (sink != null) {
      sink.close();
    }
    if (spool != null) {
      try {
        spool.close();
      } catch (IOException e) {
        LOG.warn("Closing the audit spool: {}", e.getMessage());
      }
    }
  }

  /** Reads the token file before every request, so a rotated token is used; a missing file means no token. */
  private static Supplier<String> tokenFrom(Path file) {
    return () -> {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the audit sink's token file " + file, e);
      }
    };
  }
}
