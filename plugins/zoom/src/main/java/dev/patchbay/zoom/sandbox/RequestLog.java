package dev.patchbay.zoom.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of the requests the sandbox received, for tests that assert how often a client called (one refresh…). */
final class RequestLog {

  /**
   * Distinct paths counted one by one. Past it (a benchmark creating meeting after meeting) a new path is counted
   * under its first three segments, which keeps memory bounded and prefix counts like "/v2/meetings" exact.
   */
  private static final int MAX_DISTINCT_PATHS = 10_000;

  private final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byGrantType = new ConcurrentHashMap<>();
  /** File downloads that resumed: a Range the sandbox served (206). */
  private final Map<String, LongAdder> ranged = new ConcurrentHashMap<>();

  void request(String path) {
    LongAdder count = byPath.get(path);
    if (count == null) {
      count = byPath.computeIfAbsent(byPath.size() < MAX_DISTINCT_PATHS ? path : truncated(path),
          p -> new LongAdder());
    }
    count.increment();
  }

  void rangedRequest(String path) {
    ranged.computeIfAbsent(path, p -> new LongAdder()).increment();
  }

  long rangedRequests(String pathPrefix) {
    return ranged.entrySet().stream().filter(entry -> entry.getKey().startsWith(pathPrefix))
        .mapToLong(entry -> entry.getValue().sum()).sum();
  }

  void tokenRequest(String grantType) {
    byGrantType.computeIfAbsent(String.valueOf(grantType), g -> new LongAdder()).increment();
  }

  long requests(String pathPrefix) {
    return byPath.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(pathPrefix))
        .mapToLong(entry -> entry.getValue().sum())
        .sum();
  }

  long tokenRequests(String grantType) {
    LongAdder count = byGrantType.get(grantType);
    return count == null ? 0 : count.sum();
  }

  private static String truncated(String path) {
    int end = 0;
    for (int segments = 0; segments < 3 && end >= 0; segments++) {
      end = path.indexOf('/', end + 1);
    }
    return end < 0 ? path : path.substring(0, end);
  }
}
