package dev.patchbay.engine.webhooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The most recent received events, with what became of each, in memory: at most {@code capacity}, the oldest
 * forgotten first. What an event started lives on in its run records.
 */
final class EventLog {

  private final int capacity;
  private final LinkedHashMap<String, EventRecord> records = new LinkedHashMap<>();

  EventLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(EventRecord record) {
    records.put(record.id(), record);
    if (records.size() > capacity) {
      records.remove(records.keySet().iterator().next());
    }
  }

  synchronized void update(String id, UnaryOperator<EventRecord> change) {
    records.computeIfPresent(id, (key, record) -> change.apply(record));
  }

  synchronized Optional<EventRecord> get(String id) {
    return Optional.ofNullable(records.get(id));
  }

  /** Newest first. */
  synchronized List<EventRecord> list() {
    List<EventRecord> list = new ArrayList<>(records.values());
    Collections.reverse(list);
    return list;
  }

  synchronized void remove(String id) {
    records.remove(id);
  }
}
