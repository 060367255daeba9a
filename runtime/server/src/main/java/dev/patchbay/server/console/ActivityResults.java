package dev.patchbay.server.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an activity run from the console, kept for the page the browser is redirected to after the POST:
 * reloading that page shows the outcome again instead of running the activity (creating a meeting) twice. Only the
 * session that ran it sees it; the oldest are dropped beyond {@link #MAX_KEPT}.
 */
final class ActivityResults {

  static final int MAX_KEPT = 200;

  /** What the form held, and the outcome rendered as HTML. */
  record Outcome(String sessionId, Map<String, List<String>> values, String html) {}

  private final Map<String, Outcome> kept = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
      return size() > MAX_KEPT;
    }
  };

  synchronized String keep(String sessionId, Map<String, List<String>> values, String html) {
    String id = ConsoleSessions.random();
    kept.put(id, new Outcome(sessionId, Map.copyOf(values), html));
    return id;
  }

  synchronized Optional<Outcome> find(String sessionId, String id) {
    Outcome outcome = id == null ? null : kept.get(id);
    return outcome != null && outcome.sessionId().equals(sessionId) ? Optional.of(outcome) : Optional.empty();
  }
}
