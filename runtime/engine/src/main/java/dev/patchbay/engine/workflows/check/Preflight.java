package dev.patchbay.engine.workflows.check;

import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.schema.SchemaViolation;
import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.definition.InputDeclaration;
import dev.patchbay.engine.workflows.definition.SourceDocument;
import dev.patchbay.engine.workflows.definition.SourceException;
import dev.patchbay.engine.workflows.definition.SourceReader;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.definition.WorkflowBinder;
import dev.patchbay.engine.workflows.definition.WorkflowSchema;
import dev.patchbay.engine.workflows.expressions.Expressions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything checked before a workflow runs, all problems in one pass: the file parses and matches the schema;
 * step ids are unique and {@code onError} handlers are later steps; inputs resolve to their declared types; every
 * activity exists; every step has an active connection for its connector holding the scopes its operation needs;
 * every expression parses and reads only declared inputs, earlier steps, {@code item} inside a {@code forEach}, and
 * set {@code PATCHBAY_VAR_*} variables; and every input written as literal values fits its operation's schema.
 */
public final class Preflight {

  private final WorkflowEnvironment environment;
  private final Expressions expressions;
  private final Map<String, String> variables;

  /** @param variables the process environment, for {@code env.PATCHBAY_VAR_*} */
  public Preflight(WorkflowEnvironment environment, Expressions expressions, Map<String, String> variables) {
    this.environment = environment;
    this.expressions = expressions;
    this.variables = Map.copyOf(variables);
  }

  /**
   * @param inputs values given for the run as text, by input name
   * @param recordedInputs values an earlier run recorded (for a resume), by input name
   * @param overrides connection names given for the run, by connector id
   */
  public PreflightResult check(Path file, Map<String, String> inputs, Map<String, JsonNode> recordedInputs,
      Map<String, String> overrides) {
    return check(file, inputs, recordedInputs, overrides, false);
  }

  /**
   * Checks a workflow registered to run on events, when it is registered: everything a run checks but the
   * connection of the event's connector, which only the event decides (it is checked again, with every other
   * rule, when the event comes), and the rules of {@link TriggerCheck}.
   */
  public PreflightResult checkTrigger(Path file) {
    return check(file, Map.of(TriggerCheck.EVENT_INPUT, "{}"), Map.of(), Map.of(), true);
  }

  private PreflightResult check(Path file, Map<String, String> inputs, Map<String, JsonNode> recordedInputs,
      Map<String, String> overrides, boolean trigger) {
    SourceDocument source;
    try {
      source = SourceReader.read(file);
    } catch (SourceException e) {
      Problems problems = new Problems(file, null);
      problems.atLine(e.line(), e.getMessage());
      return new PreflightResult(problems.list(), null);
    }
    Problems problems = new Problems(file, source);
    for (SchemaViolation violation : WorkflowSchema.violations(source.root())) {
      problems.at(violation.pointer(), violation.message());
    }
    Workflow workflow = WorkflowBinder.bind(source.root());
    StructureCheck.check(workflow, problems);
    ReferenceCheck references = new ReferenceCheck(workflow, expressions, variables, problems);
    // An event brings its body, if the workflow takes one; whether it does is TriggerCheck's to say.
    Map<String, String> given = trigger && !workflow.inputs().containsKey(TriggerCheck.EVENT_INPUT) ? Map.of()
        : inputs;
    ObjectNode resolvedInputs = new InputCheck(workflow, expressions, variables, references, problems, trigger)
        .resolve(given, recordedInputs);
    Map<Integer, OperationDefinition> operations = ActivityCheck.check(workflow, environment, problems);
    Map<String, String> connections = Map.of();
    if (!trigger) {
      connections = new ConnectionCheck(workflow, environment, overrides, problems).check(operations, null);
    } else {
      TriggerCheck.check(workflow, environment, problems);
      // Without a trigger there is no telling which connector's connection the event would choose.
      if (workflow.trigger() != null) {
        new ConnectionCheck(workflow, environment, overrides, problems)
            .check(operations, workflow.trigger().connectorId());
      }
    }
    LiteralInputCheck literals = new LiteralInputCheck(problems);
    for (Step step : workflow.steps()) {
      checkExpressions(step, references);
      OperationDefinition operation = operations.get(step.index());
      if (operation != null) {
        literals.check(step, operation);
      }
    }
    workflow.outputs().forEach((name, value) -> references.check(value, "/outputs" + SourceDocument.segment(name),
        ReferenceScope.outputs(workflow.steps().size())));
    if (!problems.isEmpty()) {
      return new PreflightResult(problems.list(), null);
    }
    Set<String> secrets = workflow.inputs().values().stream().filter(InputDeclaration::secret)
        .map(InputDeclaration::name).collect(Collectors.toSet());
    return new PreflightResult(problems.list(),
        new CheckedWorkflow(source, workflow, resolvedInputs, secrets, connections, overrides));
  }

  private static void checkExpressions(Step step, ReferenceCheck references) {
    boolean forEach = step.isForEach();
    references.check(step.forEach(), step.pointer() + "/forEach", ReferenceScope.step(step.index(), false));
    references.check(step.when(), step.pointer() + "/when", ReferenceScope.step(step.index(), forEach));
    references.check(step.input(), step.pointer() + "/input", ReferenceScope.step(step.index(), forEach));
  }
}
