package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.container.SecurityProfiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fixed records (the ones docs/audit.md shows) and generated chains. */
public final class AuditFixtures {

  static final String SESSION_UID = "0f6f2c1e-6b1a-4c3e-9a57-2a4d8f0c9b11";
  static final String POD_UID = "7d2e9c4a-1f3b-4e6d-8a0c-5b9e2f4d6a13";

  private AuditFixtures() {}

  /** The first record of the docs' example: the operator saw the session. */
  public static AuditRecord requested() {
    return AuditRecord.builder(AuditEvent.REQUESTED)
        .recordId("3c1f7a52-8e04-4b6a-b0d9-6f2e1a9c4d87")
        .time(Instant.parse("2026-11-27T10:15:02.417Z"))
        .session(SESSION_UID, "shop", "checkout-latency")
        .requester("alice@example.com", true)
        .target("checkout-6c9f8d7b5-x2x9q", null, "app")
        .debugContainer(null, "busybox:1.37", null)
        .profile("restricted")
        .securityContext(SecurityProfiles.securityContextFor(Profile.RESTRICTED))
        .reason("INC-4711: checkout p99 latency")
        .ttl("15m")
        .policies(List.of("prod-debugging"))
        .operatorVersion("0.1.0")
        .build();
  }

  /** The second record of the docs' example: the debug container was added. */
  public static AuditRecord injected() {
    return requested().toBuilder()
        .event(AuditEvent.INJECTED)
        .recordId("9a4e2b7c-1d5f-4e8a-a3c6-0b7d9e1f2a64")
        .time(Instant.parse("2026-11-27T10:15:03.052Z"))
        .target("checkout-6c9f8d7b5-x2x9q", POD_UID, "app")
        .debugContainer("debugger-k7x2m", "busybox:1.37", null)
        .times("2026-11-27T10:15:03Z", "2026-11-27T10:30:03Z", null)
        .outcome("Added")
        .message("Added debug container debugger-k7x2m to pod checkout-6c9f8d7b5-x2x9q, sharing the process "
            + "namespace of container app")
        .build();
  }

  /** {@code size} chained records from the genesis, with deterministic ids, as records. */
  public static List<AuditRecord> chain(int size) {
    return chain(size, ChainHead.genesis(), "chain");
  }

  public static List<AuditRecord> chain(int size, ChainHead from, String seed) {
    List<AuditRecord> records = new ArrayList<>();
    ChainHead head = from;
    for (int i = 1; i <= size; i++) {
      HashChain.Appended appended = HashChain.append(record(seed, head.sequence() + 1), head);
      records.add(appended.record());
      head = appended.head();
    }
    return records;
  }

  /** An unchained record whose content depends on {@code seed} and {@code n}. */
  public static AuditRecord record(String seed, long n) {
    AuditEvent event = AuditEvent.values()[(int) (n % AuditEvent.values().length)];
    return AuditRecord.builder(event)
        .recordId(UUID.nameUUIDFromBytes((seed + "/" + n).getBytes(StandardCharsets.UTF_8)).toString())
        .time(Instant.parse("2026-11-27T10:00:00Z").plusSeconds(n))
        .session("uid-" + seed + "-" + (n / 7), "shop", "session-" + (n / 7))
        .requester("alice@example.com", true)
        .target("app-" + (n / 7), null, "app")
        .reason("INC-" + (n / 7))
        .message(event + " #" + n)
        .operatorVersion("0.1.0")
        .build();
  }

  public static List<String> lines(List<AuditRecord> records) {
    return records.stream().map(AuditJson::toLine).toList();
  }

  /** The tree of a log line, as the verifier parses it (for tests that forge or alter one). */
  public static JsonNode parse(String line) throws JsonProcessingException {
    return AuditJson.parse(line);
  }

  /** The hash a record's tree calls for (for tests that forge one). */
  public static String hashOf(ObjectNode tree) {
    return HashChain.hashOf(tree);
  }

  /** The text a record's hash is computed over. */
  public static String preimage(AuditRecord record) {
    return HashChain.preimage(AuditJson.tree(record));
  }
}
