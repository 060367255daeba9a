package dev.patchbay.engine.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check before a run: every problem at once, each with its line, and nothing executed. */
class PreflightTest {

  @TempDir Path folder;

  private WorkflowFixture fixture;

  private List<WorkflowProblem> check(Path file, Map<String, String> inputs, Map<String, String> overrides) {
    return fixture().workflows.check(file, inputs, overrides);
  }

  private WorkflowFixture fixture() {
    if (fixture == null) {
      fixture = new WorkflowFixture(folder);
    }
    return fixture;
  }

  /** Problems as "LINE: message" lines, the way a user reads them. */
  private static String lines(List<WorkflowProblem> problems) {
    return problems.stream().map(problem -> problem.line() + ": " + problem.message())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void oneFileWithManyProblemsReportsEveryOneWithItsLine() {
    List<WorkflowProblem> problems = check(fixture().resource("many-problems.yaml"), Map.of(), Map.of());

    assertEquals("""
        5: the default of 'count' must be an integer, got "many"
        8: an input's default cannot read inputs (only env and functions)
        9: input 'token' is required: give it for the run (--input token=VALUE)
        13: no connection named 'nobody' (see patchbay connections list)
        16: connector 'zoom' has no operation 'meetings.lst' (did you mean 'meetings.list'?) (see patchbay connectors \
        show zoom)
        18: connection 'readonly' lacks the scopes zoom/meetings.create needs: meeting:write; reconnect it granting them
        21: steps.lst: no such step (did you mean 'list'?)
        22: input/duration for zoom/meetings.create: must have a minimum value of 1
        23: input for zoom/meetings.create: property 'colour' is not defined in the schema and the schema does not \
        allow additional properties
        24: step id 'create' is already used by step 2
        26: connection 'expired' must be reconnected: the user revoked the app
        27: input for zoom/meetings.create: required property 'topic' not found
        28: steps.later: a step can only read steps before it, and later is not before this one
        31: connection 'work' is for connector 'zoom', not 'slack'
        32: item is only bound in the input and when of a forEach step
        34: env.HOME: only environment variables named PATCHBAY_VAR_* can be read (others may hold secrets that \
        would reach run records)
        35: ${''.getClass()}: not allowed in an expression: method call error in '.getClass(...)'
        37: no connector 'jira' is loaded (see patchbay connectors list)
        39: must have a maximum value of 8
        40: onError: no step 'nowhere' (onError is fail, continue, or the id of a later step)
        41: must have a minimum value of 1
        42: 'fail' cannot be a step id: onError uses it as a keyword
        44: property 'typo' is not defined in the schema and the schema does not allow additional properties
        46: inputs.missing: no such input""", lines(problems));
    assertEquals("/steps/1/input/topic", problems.get(6).pointer());
    assertTrue(fixture().invoker.calls().isEmpty());
  }

  @Test
  void runRefusesAWorkflowWithProblemsAndWritesNoRecord() throws Exception {
    Path file = fixture().resource("many-problems.yaml");
    WorkflowProblems refused = assertThrows(WorkflowProblems.class, () -> fixture().run(file, Map.of()));
    assertEquals(24, refused.problems().size());
    assertTrue(fixture().invoker.calls().isEmpty());
    assertTrue(fixture().workflows.runs().isEmpty());
    assertTrue(!Files.exists(fixture().runsFolder())
        || Files.list(fixture().runsFolder()).noneMatch(p -> p.toString().endsWith(".json")));
  }

  @Test
  void validWorkflowsInYamlAndJsonPass() {
    assertEquals(List.of(), check(fixture().resource("meetings.yaml"), Map.of("topic", "Plan"), Map.of()));
    assertEquals(List.of(), check(fixture().resource("meetings.json"), Map.of("topic", "Plan"), Map.of()));
    assertEquals(List.of(), check(fixture().resource("archive.yaml"), Map.of("folder", "/tmp"), Map.of()));
  }

  @Test
  void problemsInAJsonFileHaveTheirLinesToo() {
    Path file = fixture().file("broken.json", """
        {
          "name": "json",
          "steps": [
            {
              "id": "a",
              "activity": "zoom/meetings.create",
              "connection": "work",
              "input": { "topic": "${steps.b.output}", "duration": "long" }
            },
            { "id": "b", "activity": "zoom/meetings.list", "connection": "work", "forEach": 3 }
          ]
        }
        """);
    assertEquals("""
        8: steps.b: a step can only read steps before it, and b is not before this one
        8: input/duration for zoom/meetings.create: string found, integer expected
        10: integer found, [array, string] expected""", lines(check(file, Map.of(), Map.of())));
  }

  @Test
  void aFileThatDoesNotParseIsOneProblemAtItsLine() {
    Path yaml = fixture().file("broken.yaml", "name: broken\nsteps:\n  - id: a\n    activity: [zoom\n");
    List<WorkflowProblem> problems = check(yaml, Map.of(), Map.of());
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).message().startsWith("not valid YAML"), problems.get(0).message());
    assertTrue(problems.get(0).line() >= 4, lines(problems));

    Path json = fixture().file("broken.json", "{\n  \"name\": \"x\",\n  \"steps\": [\n}\n");
    List<WorkflowProblem> jsonProblems = check(json, Map.of(), Map.of());
    assertEquals(4, jsonProblems.get(0).line(), lines(jsonProblems));
    assertTrue(jsonProblems.get(0).message().startsWith("not valid JSON"));

    Path duplicate = fixture().file("duplicate.yaml", "name: a\nname: b\nsteps: []\n");
    assertEquals("2: duplicate key 'name'", lines(check(duplicate, Map.of(), Map.of())));

    assertEquals("0: no such file", lines(check(folder.resolve("missing.yaml"), Map.of(), Map.of())));
  }

  @Test
  void inputsGivenForTheRunAreCheckedAgainstTheirDeclaredTypes() {
    Path file = fixture().file("inputs.yaml", """
        name: inputs
        inputs:
          count: {type: integer}
          when: {type: date}
          flag: {type: boolean, default: false}
          ids: {type: array, required: false}
          token: {type: string, secret: true}
        steps:
          - id: a
            activity: zoom/meetings.list
            connection: work
        """);
    assertEquals("""
        0: unknown input 'cuont' (did you mean 'count'?); the workflow declares count, when, flag, ids, token
        0: input 'count' must be an integer, got 'ten'
        0: input 'when' must be a date as yyyy-MM-dd, got '31.12.2026'
        0: input 'ids' must be a JSON array, got '{"a": 1}'
        7: input 'token' is required: give it for the run (--input token=VALUE)""",
        lines(check(file, Map.of("count", "ten", "when", "31.12.2026", "cuont", "1", "ids", "{\"a\": 1}"),
            Map.of())));
    List<WorkflowProblem> secret = check(file, Map.of("count", "1", "when", "2026-12-31", "token", "s3cr3t"),
        Map.of());
    assertEquals(List.of(), secret);
  }

  @Test
  void aSecretInputsValueNeverAppearsInAProblem() {
    Path file = fixture().file("secret.yaml", """
        name: secret
        inputs:
          pin: {type: string, secret: true}
          count: {type: integer, secret: true}
        steps:
          - {id: a, activity: zoom/meetings.list, connection: work}
        """);
    assertEquals("""
        0: input 'count' must be an integer
        4: must be the constant value 'string'""", lines(check(file, Map.of("pin", "4711", "count", "hunter2"),
        Map.of())));
  }

  @Test
  void connectionOverridesWinOverTheFileAndAStepsOwnConnectionWinsOverBoth() {
    Path file = fixture().file("connections.yaml", """
        name: connections
        connections:
          zoom: work
        steps:
          - id: create
            activity: zoom/meetings.create
            input: {topic: x}
          - id: list
            activity: zoom/meetings.list
            connection: work
        """);
    // The override reaches create (line 6) but not list, which names its own connection.
    assertEquals("6: connection 'readonly' lacks the scopes zoom/meetings.create needs: meeting:write; reconnect it "
        + "granting them", lines(check(file, Map.of(), Map.of("zoom", "readonly"))));
    assertEquals("""
        0: --connection slack=team: no step of the workflow uses connector 'slack'
        0: --connection zoom=nobody: no connection named 'nobody' (see patchbay connections list)""",
        lines(check(file, Map.of(), Map.of("zoom", "nobody", "slack", "team"))));
  }

  @Test
  void aStepWithoutAnyConnectionIsAProblem() {
    Path file = fixture().file("none.yaml", """
        name: none
        steps:
          - id: list
            activity: zoom/meetings.list
        """);
    assertEquals("4: no connection for connector 'zoom': add connections: {zoom: NAME} to the workflow, or run with "
        + "--connection zoom=NAME", lines(check(file, Map.of(), Map.of())));
  }

  @Test
  void expressionRulesAreCheckedWhereverExpressionsAre() {
    Path file = fixture().file("expressions.yaml", """
        name: expressions
        inputs:
          region: {type: string, default: "${env.PATCHBAY_VAR_MISSING}"}
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
          - id: my-step
            activity: zoom/meetings.list
            forEach: ${item}
          - id: create
            activity: zoom/meetings.create
            input:
              topic: ${steps.list.outptu} ${steps.my.output} ${steps.list.items}
              start_time: ${steps['my-step'].items[0].output} ${nobody.knows}
              userId: ${date:today(}
        outputs:
          first: ${steps.create.output.id} ${item.id}
        """);
    List<String> problems = lines(check(file, Map.of(), Map.of())).lines().toList();
    assertEquals(List.of(
        "3: env.PATCHBAY_VAR_MISSING: the environment variable is not set",
        "10: item is only bound in the input and when of a forEach step"), problems.subList(0, 2));
    // The order of problems within one expression is JEXL's; the set is what matters.
    assertEquals(Set.of(
        "14: steps.list.items: list has no forEach, so no items",
        "14: steps.list.outptu: a step has output, items, status and error (did you mean 'output'?)",
        "14: steps.my: no such step (write steps['my-step'] for an id with '-')"),
        Set.copyOf(problems.subList(2, 5)));
    assertEquals(List.of(
        "15: unknown name 'nobody': expressions read inputs, steps, item, itemIndex and env, and call date:..., "
            + "list:..., size and empty",
        "16: ${date:today(}: not a valid expression: parsing error in '('",
        "18: item is only bound in the input and when of a forEach step"), problems.subList(5, 8));
  }
}
