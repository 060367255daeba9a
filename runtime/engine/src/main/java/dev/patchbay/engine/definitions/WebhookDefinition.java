package dev.patchbay.engine.definitions;

import java.util.List;

/**
 * The provider events a connector receives by webhook, as its definition declares them.
 *
 * @param events in definition order
 */
public record WebhookDefinition(List<Event> events) {

  /** One provider event. */
  public record Event(String name, String description) {}

  public WebhookDefinition {
    events = List.copyOf(events);
  }

  /** The events' names, in definition order. */
  public List<String> eventNames() {
    return events.stream().map(Event::name).toList();
  }
}
