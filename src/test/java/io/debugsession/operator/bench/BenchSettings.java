package io.debugsession.operator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The sizes of a benchmark run, from system properties ({@code -Dbench.x=...} on the Maven command line), so that a
 * short run fits a small machine and the full one a patient person.
 *
 * @param latencySessions sessions created one after the other for the create-to-Active latency
 * @param rawWrites raw ephemeral-container writes timed for comparison
 * @param bursts sizes of the bursts created at once (the largest is also timed at expiry)
 * @param burstTtl TTL of the burst sessions (the API server's minimum is 1m)
 * @param window how long API requests are counted while sessions are Active
 * @param cycleCheckpoints after how many create/stop/delete cycles (run after the bursts, in waves of
 *     {@code cycleWave}) the operator's memory is taken: by default a tenth, a quarter, half, three quarters and all
 *     of {@code bench.cycles}
 * @param cycleMode {@code expire} (each cycle's session runs out its 1m TTL) or {@code end} (ended by its requester)
 */
record BenchSettings(int latencySessions, int rawWrites, List<Integer> bursts, Duration burstTtl, Duration window,
    List<Integer> cycleCheckpoints, int cycleWave, String cycleMode, Path output) {

  static BenchSettings fromSystemProperties() {
    return new BenchSettings(
        Integer.getInteger("bench.latency.sessions", 50),
        Integer.getInteger("bench.raw.writes", 50),
        Arrays.stream(System.getProperty("bench.bursts", "100,1000").split(",")).map(String::trim)
            .map(Integer::parseInt).toList(),
        Duration.ofSeconds(Long.getLong("bench.burst.ttl.seconds", 120)),
        Duration.ofSeconds(Long.getLong("bench.window.seconds", 30)),
        checkpoints(Integer.getInteger("bench.cycles", 2000)),
        Integer.getInteger("bench.cycle.wave", 500),
        System.getProperty("bench.cycle.mode", "expire"),
        Path.of(System.getProperty("bench.output", "target/bench")));
  }

  private static List<Integer> checkpoints(int cycles) {
    String given = System.getProperty("bench.cycle.checkpoints");
    if (given != null) {
      return Arrays.stream(given.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
    return IntStream.of(cycles / 10, cycles / 4, cycles / 2, cycles * 3 / 4, cycles)
        .filter(n -> n > 0).distinct().boxed().toList();
  }
}
