package dev.patchbay.engine.activities;

import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import java.util.Optional;

/**
 * How a loaded plugin's calls fare in this process: whether it is quarantined (its calls are refused until the
 * quarantine ends and a trial call succeeds) and how many of its calls are stuck, running past their deadline
 * although interrupted, each keeping a thread.
 *
 * @param quarantine why and until when its calls are refused; null when they are not
 * @param stuckCalls calls still running past their deadline and grace
 */
public record PluginCallHealth(CircuitBreaker.Open quarantine, int stuckCalls) {

  /** The quarantine, if any. */
  public Optional<CircuitBreaker.Open> quarantined() {
    return Optional.ofNullable(quarantine);
  }
}
