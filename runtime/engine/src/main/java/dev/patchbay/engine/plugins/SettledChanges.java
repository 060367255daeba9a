package dev.patchbay.engine.plugins;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, from successive scans of the plugin folders, which archives changed and have held still since: an archive
 * is ready once its size and modification time (or its absence) stayed the same for the settle time. Each change is
 * reported once. Time is what the caller says it is, so this decides the same way under any clock.
 */
final class SettledChanges {

  /** What a scan sees of an archive. */
  record FileState(long size, FileTime modified) {}

  private record Pending(FileState state, Instant since) {}

  private final Duration settle;
  /** The state last reported per archive; an archive reported as gone is not in it. */
  private final Map<Path, FileState> reported = new HashMap<>();
  private final Map<Path, Pending> pending = new HashMap<>();

  SettledChanges(Duration settle) {
    this.settle = settle;
  }

  /**
   * The archives whose change has held still for the settle time, by path.
   *
   * @param seen every archive a scan found, with its state; an archive not in it is absent
   * @param now when the scan was made
   */
  List<Path> settled(Map<Path, FileState> seen, Instant now) {
    Set<Path> paths = new HashSet<>(seen.keySet());
    paths.addAll(reported.keySet());
    paths.addAll(pending.keySet());
    List<Path> ready = new ArrayList<>();
    for (Path path : paths) {
      FileState state = seen.get(path);
      if (Objects.equals(state, reported.get(path))) {
        pending.remove(path);
        continue;
      }
      Pending waiting = pending.get(path);
      if (waiting == null || !Objects.equals(waiting.state(), state)) {
        pending.put(path, new Pending(state, now));
      } else if (!now.isBefore(waiting.since().plus(settle))) {
        pending.remove(path);
        if (state == null) {
          reported.remove(path);
        } else {
          reported.put(path, state);
        }
        ready.add(path);
      }
    }
    ready.sort(null);
    return ready;
  }

  /** When the earliest pending change will have held still long enough, if a change is pending. */
  Optional<Instant> nextSettling() {
    return pending.values().stream().map(waiting -> waiting.since().plus(settle)).min(Instant::compareTo);
  }
}
