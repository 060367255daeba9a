package dev.patchbay.engine.triggers;

import dev.patchbay.engine.workflows.definition.Trigger;
import java.nio.file.Path;

/**
 * A workflow registered to run on an event.
 *
 * @param usesEventConnector whether steps of the event's connector run, which need the connection acting in the
 *     event's account
 * @param namedConnection the connection the workflow names for the event's connector, or null; it is preferred
 *     when several connections act in the event's account
 */
public record TriggerWorkflow(Path file, Trigger trigger, boolean usesEventConnector, String namedConnection) {}
