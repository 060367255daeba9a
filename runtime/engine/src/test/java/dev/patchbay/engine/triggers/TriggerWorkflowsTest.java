package dev.patchbay.engine.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.EchoConnector;
import dev.patchbay.engine.testplugins.SignedEchoConnector;
import dev.patchbay.engine.workflows.WorkflowProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering workflows that run on events: each rule checked at registration, with the line it is about. */
class TriggerWorkflowsTest {

  static final String VALID = """
      name: greet
      trigger:
        event: echo/thing.created
      inputs:
        event: {type: object}
        greeting: {type: string, default: hello}
      connections:
        echo: work
      steps:
        - id: say
          activity: echo/messages.echo
          input: {text: "${inputs.greeting} ${inputs.event.id}"}
      """;

  @TempDir
  Path home;

  Path folder;
  PatchbayRuntime runtime;

  @BeforeEach
  void start() throws Exception {
    new PluginZipBuilder("echo").extension(SignedEchoConnector.class).withClass(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.signedEchoText()).writeTo(home.resolve("plugins"));
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
        .environment(Map.of(MasterKey.ENV, Base64.getEncoder().encodeToString(new byte[32]))).start();
    folder = Files.createDirectories(home.resolve("triggers"));
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  TriggerWorkflows register() throws Exception {
    return TriggerWorkflows.register(folder, runtime.workflows());
  }

  List<String> problems(String yaml) throws Exception {
    Files.writeString(folder.resolve("flow.yaml"), yaml);
    WorkflowProblems e = assertThrows(WorkflowProblems.class, this::register);
    return e.problems().stream().map(problem -> problem.line() + " " + problem.message()).toList();
  }

  @Test
  void aValidWorkflowIsRegisteredOnItsEventWithoutAConnectionYet() throws Exception {
    Files.writeString(folder.resolve("greet.yaml"), VALID);
    Files.writeString(folder.resolve("notes.txt"), "not a workflow");
    TriggerWorkflows triggers = register();
    assertEquals(1, triggers.all().size());
    TriggerWorkflow registered = triggers.on("echo", "thing.created").get(0);
    assertEquals("echo/thing.created", registered.trigger().toString());
    // 'work' does not exist: which connection runs is the event's to decide.
    assertEquals("work", registered.namedConnection());
    assertTrue(registered.usesEventConnector());
    assertTrue(triggers.on("echo", "thing.deleted").isEmpty());
    assertTrue(triggers.on("other", "thing.created").isEmpty());
  }

  @Test
  void aWorkflowWithoutATriggerIsRefused() throws Exception {
    assertEquals(List.of("1 a workflow that runs on events needs trigger: {event: CONNECTOR/EVENT}, e.g. "
        + "zoom/recording.completed"), problems(VALID.replace("trigger:\n  event: echo/thing.created\n", "")));
  }

  @Test
  void aMalformedTriggerIsTheSchemasToReport() throws Exception {
    List<String> problems = problems(VALID.replace("event: echo/thing.created", "event: thing.created"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("3 "), problems.toString());
  }

  @Test
  void theEventsConnectorMustBeLoaded() throws Exception {
    // The echo steps now use a connector other than the event's: their connection is checked as for any run.
    assertEquals(List.of("3 no connector 'nope' is loaded to receive nope/thing.created (see patchbay connectors "
        + "list)", "8 no connection named 'work' (see patchbay connections list)"),
        problems(VALID.replace("echo/thing.created", "nope/thing.created")));
  }

  @Test
  void theEventMustBeOneTheConnectorsDefinitionDeclares() throws Exception {
    assertEquals(List.of("3 connector 'echo' receives no event 'thing.create' (did you mean 'thing.created'?); its "
        + "events: thing.created"), problems(VALID.replace("echo/thing.created", "echo/thing.create")));
  }

  @Test
  void theEventInputMustBeDeclaredAsAnObject() throws Exception {
    String message = "a workflow that runs on events receives the event's body as the input 'event': declare "
        + "inputs: {event: {type: object}}";
    assertEquals(List.of("5 " + message), problems(VALID.replace("event: {type: object}", "event: {type: string}")));
    List<String> withoutEvent = problems(VALID.replace("  event: {type: object}\n", "")
        .replace("${inputs.event.id}", "x"));
    assertEquals(List.of("4 " + message), withoutEvent);
  }

  @Test
  void everyOtherInputNeedsADefault() throws Exception {
    assertEquals(List.of("6 input 'greeting' needs a default: a run on an event is given only 'event'"),
        problems(VALID.replace("greeting: {type: string, default: hello}", "greeting: {type: string}")));
  }

  @Test
  void everyOtherRuleOfARunStillHolds() throws Exception {
    List<String> problems = problems(VALID.replace("echo/messages.echo", "echo/messages.shout")
        .replace("${inputs.greeting}", "${inputs.salutation}"));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("11 "), problems.toString());
    assertTrue(problems.get(1).startsWith("12 "), problems.toString());
  }

  @Test
  void theProblemsOfEveryFileComeAtOnce() throws Exception {
    Files.writeString(folder.resolve("a.yaml"), VALID.replace("greeting: {type: string, default: hello}",
        "greeting: {type: string}"));
    Files.writeString(folder.resolve("b.json"), "{\"name\": \"b\", \"steps\": [{\"id\": \"s\", \"activity\": "
        + "\"echo/messages.echo\", \"input\": {\"text\": \"x\"}}], \"inputs\": {\"event\": {\"type\": \"object\"}}}");
    WorkflowProblems e = assertThrows(WorkflowProblems.class, this::register);
    assertEquals(List.of("a.yaml", "b.json"), e.problems().stream()
        .map(problem -> problem.file().getFileName().toString()).toList());
  }

  @Test
  void aFolderThatCannotBeReadIsAProblem() throws Exception {
    WorkflowProblems e = assertThrows(WorkflowProblems.class, () -> TriggerWorkflows.register(
        home.resolve("missing"), runtime.workflows()));
    assertTrue(e.problems().get(0).message().startsWith("cannot read the trigger folder: "),
        e.problems().toString());
  }
}
