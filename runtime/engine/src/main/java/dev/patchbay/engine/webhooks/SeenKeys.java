package dev.patchbay.engine.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keys seen within a time window, each with the id of the event it brought, oldest first. Memory is bounded: past
 * {@code capacity} the oldest key is forgotten early, and a replay of it would then pass this check (the inbox's
 * other memory is as large, so a flood of signed events pushes both out alike). Not thread-safe; the inbox holds its lock around every use.
 */
final class SeenKeys {

  private record Seen(String eventId, Instant at) {}

  private final int capacity;
  private final Duration window;
  private final Clock clock;
  private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

  SeenKeys(int capacity, Duration window, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.window = window;
    this.clock = clock;
  }

  /** The event id the key came with, if it was seen within the window. */
  Optional<String> eventOf(String key) {
    forgetExpired();
    Seen entry = seen.get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.eventId());
  }

  void add(String key, String eventId) {
    forgetExpired();
    seen.put(key, new Seen(eventId, clock.instant()));
    if (seen.size() > capacity) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  int size() {
    return seen.size();
  }

  private void forgetExpired() {
    Instant limit = clock.instant().minus(window);
    Iterator<Map.Entry<String, Seen>> entries = seen.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue().at().isBefore(limit)) {
      entries.remove();
    }
  }
}
