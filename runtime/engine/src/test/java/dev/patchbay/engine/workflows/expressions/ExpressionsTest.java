package dev.patchbay.engine.workflows.expressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ExpressionsTest {

  /** A Sunday evening in Berlin, already Monday in Tokyo. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T22:30:00Z"), ZoneOffset.UTC);

  private final Expressions expressions = new Expressions(CLOCK);

  private final Scope scope = Scope.of(
      json("""
          {"count": 3, "name": "Ada", "ratio": 1.5, "on": true, "start": "2026-03-31", "nothing": null,
           "tags": ["a", "b"]}"""),
      json("""
          {"list": {"status": "SUCCEEDED", "error": null,
                    "output": {"meetings": [{"id": 11, "topic": "Standup", "files": [{"id": "f1"}, {"id": "f2"}]},
                                            {"id": 12, "topic": "Retro", "files": [{"id": "f3"}]}],
                               "total": 2, "next": null}}}"""),
      Map.of("PATCHBAY_VAR_REGION", "eu", "HOME", "/root", "SECRET_TOKEN", "s3cr3t"));

  private JsonNode eval(String text) throws ExpressionException {
    return expressions.evaluate(expressions.template(text), scope);
  }

  private static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void aWholeValueExpressionKeepsItsJsonType() throws Exception {
    assertEquals(json("3"), eval("${inputs.count}"));
    assertTrue(eval("${inputs.count}").isIntegralNumber());
    assertEquals(json("1.5"), eval("${inputs.ratio}"));
    assertEquals(json("true"), eval("${inputs.on}"));
    assertEquals(json("null"), eval("${inputs.nothing}"));
    assertEquals(json("[\"a\",\"b\"]"), eval("${inputs.tags}"));
    assertEquals(json("{\"id\": 12, \"topic\": \"Retro\", \"files\": [{\"id\": \"f3\"}]}"),
        eval("${steps.list.output.meetings[1]}"));
    assertEquals(json("11"), eval("${steps.list.output.meetings[0].id}"));
    assertEquals(json("11"), eval("${steps.list.output.meetings[0]['id']}"));
  }

  @Test
  void textAroundExpressionsMakesAString() throws Exception {
    assertEquals(json("\"3 meetings for Ada\""), eval("${inputs.count} meetings for ${inputs.name}"));
    assertEquals(json("\" 3\""), eval(" ${inputs.count}"));
    assertEquals(json("\"tags: [\\\"a\\\",\\\"b\\\"]\""), eval("tags: ${inputs.tags}"));
    assertEquals(json("\"cost ${inputs.count}\""), eval("cost \\${inputs.count}"));
    assertEquals(json("\"issue #{inputs.count}: 3\""), eval("issue #{inputs.count}: ${inputs.count}"));
  }

  @Test
  void operatorsCompareComputeAndBuildValues() throws Exception {
    assertEquals(json("4"), eval("${inputs.count + 1}"));
    assertEquals(json("true"), eval("${inputs.count > 2 && inputs.name == 'Ada'}"));
    assertEquals(json("\"many\""), eval("${steps.list.output.total > 1 ? 'many' : 'one'}"));
    assertEquals(json("[3, \"Ada\"]"), eval("${[inputs.count, inputs.name]}"));
    assertEquals(json("{\"n\": 3}"), eval("${{'n': inputs.count}}"));
    assertEquals(json("2"), eval("${size(steps.list.output.meetings)}"));
    assertEquals(json("true"), eval("${empty(steps.list.output.next)}"));
    assertEquals(json("\"eu\""), eval("${env.PATCHBAY_VAR_REGION}"));
  }

  @Test
  void listFunctionsReshapeOutputs() throws Exception {
    assertEquals(json("[\"Standup\", \"Retro\"]"), eval("${list:pluck(steps.list.output.meetings, 'topic')}"));
    assertEquals(json("[{\"id\":\"f1\"},{\"id\":\"f2\"},{\"id\":\"f3\"}]"),
        eval("${list:flatten(list:pluck(steps.list.output.meetings, 'files'))}"));
    assertEquals(json("\"f3\""), eval("${list:flatten(list:pluck(steps.list.output.meetings, 'files'))[2].id}"));
    assertEquals(json("[\"Standup\", \"Retro\"]"),
        eval("${list:pluck(list:compact([null, steps.list.output.meetings[0], null, steps.list.output.meetings[1]]), "
            + "'topic')}"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${date:now()}                                        | 2026-11-29T22:30:00Z",
      "${date:today()}                                      | 2026-11-29",
      "${date:today('Asia/Tokyo')}                          | 2026-11-30",
      "${date:plusDays(inputs.start, 1)}                    | 2026-04-01",
      "${date:minusMonths(inputs.start, 1)}                 | 2026-02-28",
      "${date:plusWeeks('2026-01-01', 2)}                   | 2026-01-15",
      "${date:plusHours(date:now(), 2)}                     | 2026-11-30T00:30:00Z",
      "${date:minusMinutes('2026-01-01T00:00:00', 1)}       | 2025-12-31T23:59:00",
      "${date:firstDayOfMonth(inputs.start)}                | 2026-03-01",
      "${date:lastDayOfMonth('2028-02-10')}                 | 2028-02-29",
      "${date:firstDayOfPreviousMonth()}                    | 2026-10-01",
      "${date:lastDayOfPreviousMonth()}                     | 2026-10-31",
      "${date:lastDayOfPreviousMonth(date:today('Asia/Tokyo'))} | 2026-10-31",
      "${date:startOfWeek(date:today())}                    | 2026-11-23",
      "${date:startOfDay('2026-11-01', 'Europe/Berlin')}    | 2026-10-31T23:00:00Z",
      "${date:format(date:now(), 'yyyy-MM-dd HH:mm', 'Europe/Berlin')} | 2026-11-29 23:30",
      "${date:format(date:now(), 'yyyy-MM-dd')}             | 2026-11-29",
      "${date:format(inputs.start, 'dd.MM.yyyy')}           | 31.03.2026",
  })
  void dateFunctionsUseTheClock(String expression, String expected) throws Exception {
    assertEquals(expected, eval(expression).stringValue());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${date:plusDays('yesterday', 1)}        | date:plusDays: 'yesterday' is not a date",
      "${date:plusHours('2026-01-01', 1)}      | date:plusHours: '2026-01-01' is a date; it has no time",
      "${date:today('Mars/Olympus')}           | date:today: 'Mars/Olympus' is not a time zone",
      "${date:plusDays(inputs.start, 1.5)}     | date:plusDays: 1.5 is not a whole number",
  })
  void dateFunctionsExplainBadArguments(String expression, String expected) {
    ExpressionException failure = assertThrows(ExpressionException.class, () -> eval(expression));
    assertTrue(failure.getMessage().startsWith(expected), failure.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${steps.list.output.meetngs}                 | steps.list.output.meetngs: no such field",
      "${steps.list.output.meetings[5].id}          | steps.list.output.meetings[5]: no such element (the array has 2)",
      "${steps.list.output.meetings[0].title}       | steps.list.output.meetings[0].title: no such field",
      "Topic: ${steps.list.output.meetings[1].tpic} | steps.list.output.meetings[1].tpic: no such field",
      "${inputs.cuont}                              | inputs.cuont: no such field",
      "${env.HOME}                                  | env.HOME: no such field",
      "${env.SECRET_TOKEN}                          | env.SECRET_TOKEN: no such field",
  })
  void missingPathsAreErrorsNamingThePath(String expression, String expected) {
    ExpressionException failure = assertThrows(ExpressionException.class, () -> eval(expression));
    assertEquals(expected, failure.getMessage());
  }

  @Test
  void nullsAndUnknownsFailWithTheExpressionNamed() {
    assertTrue(assertThrows(ExpressionException.class, () -> eval("${steps.list.output.next.id}"))
        .getMessage().startsWith("${steps.list.output.next.id}: "));
    assertTrue(assertThrows(ExpressionException.class, () -> eval("${inputs.nothing + 1}"))
        .getMessage().startsWith("${inputs.nothing + 1}: "));
    assertTrue(assertThrows(ExpressionException.class, () -> eval("${date:tomorrow()}"))
        .getMessage().contains("no function"));
    assertTrue(assertThrows(ExpressionException.class, () -> eval("${nobody}"))
        .getMessage().contains("unknown name 'nobody'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${''.getClass()}",
      "${inputs.name.getClass().forName('java.lang.Runtime')}",
      "${new('java.io.File', '/')}",
      "${java.lang.System.exit(1)}",
      "${inputs.name.length()}",
      "${inputs.name.class}",
      "${inputs.name.bytes}",
      "${inputs.count.class.name}",
      "${inputs.class}",
      "${steps.list.output.meetings.class}",
      "${date:getClass()}",
      "${date:hashCode()}",
      "${list:getClass().getClassLoader()}",
      "${x = 1}",
      "${inputs.count = 1}",
      "${var x = 1; x}",
      "${function(x) { x }}",
      "${(x) -> x}",
      "${for (x : [1]) { x }}",
      "${while (true) { 1 }}",
      "${#pragma jexl.import java.lang\n 1}",
      "${`${inputs.count}`}",
      "${System}",
      "${Runtime}",
  })
  void codeExecutionIsRefused(String expression) {
    assertThrows(ExpressionException.class, () -> eval(expression));
  }

  @Test
  void referencesListTheNamePathsRead() throws Exception {
    Template template = expressions.template(
        "${steps.list.output.meetings[0].id} and ${inputs.count + size(item.files)} ${date:today()}");
    assertEquals(Set.of(List.of("steps", "list", "output", "meetings", "0", "id"), List.of("inputs", "count"),
        List.of("item", "files")), template.references());
  }

  @Test
  void resolveReplacesExpressionsDeepAndNamesThePointerOfAFailure() throws Exception {
    JsonNode input = json("""
        {"topic": "Call with ${inputs.name}", "duration": "${inputs.count * 10}", "plain": "no expression",
         "nested": {"ids": ["${steps.list.output.meetings[0].id}", 5]}}""");
    assertEquals(json("""
        {"topic": "Call with Ada", "duration": 30, "plain": "no expression", "nested": {"ids": [11, 5]}}"""),
        expressions.resolve(input, scope));
    ExpressionException failure = assertThrows(ExpressionException.class,
        () -> expressions.resolve(json("{\"a\": [\"${inputs.nope}\"]}"), scope));
    assertEquals("/a/0: inputs.nope: no such field", failure.getMessage());
  }

  @Test
  void itemAndItemIndexAreBoundInsideForEach() throws Exception {
    Scope itemScope = scope.withItem(json("{\"id\": 7}"), 2);
    assertEquals(json("\"7 at 2\""), expressions.evaluate(expressions.template("${item.id} at ${itemIndex}"),
        itemScope));
    assertThrows(ExpressionException.class, () -> eval("${item.id}"));
  }

  @Test
  void redactedValuesFromARecordCannotBeUsed() {
    Scope resumed = Scope.of(json("{\"token\": \"[redacted]\", \"url\": \"https://x/?token=[redacted]\"}"),
        json("{}"), Map.of());
    ExpressionException failure = assertThrows(ExpressionException.class,
        () -> expressions.evaluate(expressions.template("Bearer ${inputs.token}"), resumed));
    assertTrue(failure.getMessage().contains("inputs.token: redacted in the run record"), failure.getMessage());
    assertThrows(ExpressionException.class,
        () -> expressions.evaluate(expressions.template("${inputs}"), resumed));
  }
}
