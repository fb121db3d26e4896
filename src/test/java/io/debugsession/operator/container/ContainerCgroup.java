package io.debugsession.operator.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A cgroup of its own for the processes that play one container in {@link DebugProcessScriptsTest}, as the runtime
 * gives each container one: the stop scripts select by cgroup, so the test's container must have one that the
 * application (a process left in the test's own cgroup) does not share. On close it does what the runtime does when
 * a container's first process has ended: it kills whatever is left in the cgroup, then removes it.
 *
 * <p>One hierarchy is enough: the scripts compare a process's whole {@code /proc/<pid>/cgroup}, so a difference in any
 * line tells two containers apart. Needs root and a writable cgroup filesystem; {@link #create()} is empty otherwise.
 */
final class ContainerCgroup implements AutoCloseable {

  private static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");

  private final Path dir;

  private ContainerCgroup(Path dir) {
    this.dir = dir;
  }

  static Optional<ContainerCgroup> create() {
    for (Path hierarchy : hierarchies()) {
      Path dir = hierarchy.resolve("debugsession-test-" + UUID.randomUUID().toString().substring(0, 8));
      try {
        Files.createDirectory(dir);
        if (Files.isWritable(dir.resolve("cgroup.procs"))) {
          return Optional.of(new ContainerCgroup(dir));
        }
        Files.deleteIfExists(dir);
      } catch (IOException | SecurityException notHere) {
        // try the next hierarchy
      }
    }
    return Optional.empty();
  }

  /** cgroup v2 is one tree; under v1 any hierarchy will do, the pids controller first. */
  private static List<Path> hierarchies() {
    if (Files.exists(CGROUP_FS.resolve("cgroup.controllers"))) {
      return List.of(CGROUP_FS);
    }
    return Stream.of("pids", "cpu", "memory", "freezer", "devices").map(CGROUP_FS::resolve)
        .filter(h -> Files.exists(h.resolve("cgroup.procs"))).toList();
  }

  /** {@code command}, run by a shell that first moves itself into this cgroup, where its children stay. */
  List<String> enter(List<String> command) {
    List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
        dir.resolve("cgroup.procs").toString()));
    full.addAll(command);
    return full;
  }

  /** The pids in this cgroup now. */
  List<Long> pids() throws IOException {
    return Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank())
        .map(Long::parseLong).toList();
  }

  @Override
  public void close() throws Exception {
    for (int i = 0; i < 100; i++) {
      List<Long> left = pids();
      if (left.isEmpty()) {
        Files.deleteIfExists(dir);
        return;
      }
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      Thread.sleep(50);
    }
    throw new IllegalStateException("processes left in " + dir + ": " + pids());
  }
}
