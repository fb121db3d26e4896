package io.debugsession.operator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The sizes of a benchmark run, from system properties ({@code -Dbench.x=...} on the Maven command line), so that a
 * short run fits a small machine and the full one a patient person.
 *
 * @param latencySessions sessions created one after the other for the create-to-Active latency
 * @param rawWrites raw ephemeral-container writes timed for comparison
 * @param bursts sizes of the bursts created at once (the largest is also timed at expiry)
 * @param burstTtl TTL of the burst sessions (the API server's minimum is 1m)
 * @param window how long API requests are counted while sessions are Active
 * @param cycles create/end/delete cycles run after the bursts, in waves of {@code cycleWave}
 */
record BenchSettings(int latencySessions, int rawWrites, List<Integer> bursts, Duration burstTtl, Duration window,
    int cycles, int cycleWave, Path output) {

  static BenchSettings fromSystemProperties() {
    return new BenchSettings(
        Integer.getInteger("bench.latency.sessions", 50),
        Integer.getInteger("bench.raw.writes", 50),
        Arrays.stream(System.getProperty("bench.bursts", "100,1000").split(",")).map(String::trim)
            .map(Integer::parseInt).toList(),
        Duration.ofSeconds(Long.getLong("bench.burst.ttl.seconds", 120)),
        Duration.ofSeconds(Long.getLong("bench.window.seconds", 30)),
        Integer.getInteger("bench.cycles", 2000),
        Integer.getInteger("bench.cycle.wave", 500),
        Path.of(System.getProperty("bench.output", "target/bench")));
  }
}
