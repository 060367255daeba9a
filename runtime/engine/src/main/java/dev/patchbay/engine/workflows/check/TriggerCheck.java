package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.definition.InputDeclaration;
import dev.patchbay.engine.workflows.definition.InputType;
import dev.patchbay.engine.workflows.definition.Trigger;
import dev.patchbay.engine.workflows.definition.Workflow;
import java.util.List;

/**
 * The rules of a workflow registered to run on events: it names its event, the event's connector is loaded and its
 * definition declares the event (a misspelt event would never come), and it takes the event's body as its object input {@code event}. (That no other input lacks a default, since nobody is
 * there to give one, is {@link InputCheck}'s to say.)
 */
final class TriggerCheck {

  /** The input a trigger run receives the event's body in. */
  static final String EVENT_INPUT = "event";

  private TriggerCheck() {}

  static void check(Workflow workflow, WorkflowEnvironment environment, Problems problems) {
    Trigger trigger = workflow.trigger();
    if (trigger == null) {
      // A malformed trigger is the schema's to report; only a missing one is this check's.
      if (!problems.has("/trigger")) {
        problems.at("", "a workflow that runs on events needs trigger: {event: CONNECTOR/EVENT}, e.g. "
            + "zoom/recording.completed");
      }
    } else if (!environment.hasConnector(trigger.connectorId())) {
      problems.at("/trigger/event", "no connector '" + trigger.connectorId() + "' is loaded to receive "
          + trigger + " (see patchbay connectors list)");
    } else {
      List<String> events = environment.webhookEvents(trigger.connectorId());
      if (events.isEmpty()) {
        problems.at("/trigger/event", "connector '" + trigger.connectorId() + "' receives no webhooks, so nothing "
            + "can run on " + trigger);
      } else if (!events.contains(trigger.event())) {
        problems.at("/trigger/event", "connector '" + trigger.connectorId() + "' receives no event '"
            + trigger.event() + "'" + Suggestions.hint(trigger.event(), events) + "; its events: "
            + String.join(", ", events));
      }
    }
    InputDeclaration event = workflow.inputs().get(EVENT_INPUT);
    if (event == null || event.type() != InputType.OBJECT) {
      problems.at(event == null ? "/inputs" : "/inputs/" + EVENT_INPUT, "a workflow that runs on events receives "
          + "the event's body as the input 'event': declare inputs: {event: {type: object}}");
    }
  }
}
