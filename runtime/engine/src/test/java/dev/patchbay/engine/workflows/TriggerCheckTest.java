package dev.patchbay.engine.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trigger's event against the connector's declared webhook events (the fake environment: zoom receives
 * recording.completed, slack receives none), and the connections of the other connectors' steps.
 */
class TriggerCheckTest {

  @TempDir
  Path folder;

  List<String> problems(String trigger, String steps) throws Exception {
    WorkflowFixture fixture = new WorkflowFixture(folder);
    Path file = fixture.file("t.yaml", "name: t\ntrigger: {event: " + trigger + "}\ninputs:\n  event: {type: object}\n"
        + "steps:\n" + steps);
    WorkflowProblems e = assertThrows(WorkflowProblems.class, () -> fixture.workflows.checkTrigger(file));
    return e.problems().stream().map(problem -> problem.line() + " " + problem.message()).toList();
  }

  @Test
  void aConnectorWithoutWebhooksRunsNothingOnEvents() throws Exception {
    assertEquals(List.of("2 connector 'slack' receives no webhooks, so nothing can run on slack/message.posted"),
        problems("slack/message.posted", "  - {id: post, activity: slack/chat.post, connection: team, "
            + "input: {text: hi}}\n"));
  }

  @Test
  void aMisspeltEventIsNamedWithTheClosestAndTheConnectorsEvents() throws Exception {
    assertEquals(List.of("2 connector 'zoom' receives no event 'recording.complete' (did you mean "
        + "'recording.completed'?); its events: recording.completed"), problems("zoom/recording.complete",
        "  - {id: list, activity: zoom/recordings.list}\n"));
  }

  @Test
  void theEventsConnectorNeedsNoConnectionYetButOthersDo() throws Exception {
    WorkflowFixture fixture = new WorkflowFixture(folder);
    Path file = fixture.file("ok.yaml", "name: ok\ntrigger: {event: zoom/recording.completed}\ninputs:\n"
        + "  event: {type: object}\nsteps:\n  - {id: list, activity: zoom/recordings.list}\n");
    assertEquals("zoom/recording.completed", fixture.workflows.checkTrigger(file).trigger().toString());
    assertEquals(List.of("7 no connection for connector 'slack': add connections: {slack: NAME} to the workflow, or "
        + "run with --connection slack=NAME"), problems("zoom/recording.completed",
        "  - {id: list, activity: zoom/recordings.list}\n  - {id: post, activity: slack/chat.post, "
            + "input: {text: hi}}\n"));
  }
}
