package dev.patchbay.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityFormTest {

  private final ActivityForm form = new ActivityForm(Json.MAPPER.readTree("""
      {"type":"object","required":["topic"],"properties":{
        "topic":{"type":"string","description":"What it is about"},
        "type":{"type":"integer","enum":[1,2,3,8]},
        "duration":{"type":["integer","null"]},
        "ratio":{"type":"number"},
        "muted":{"type":"boolean"},
        "settings":{"type":"object"},
        "tags":{"type":"array"},
        "mode":{"type":"string","enum":["a","b"]}}}"""));

  @Test
  void generatesAFieldPerTopLevelPropertyByType() {
    String html = form.html(Map.of("in.topic", List.of("<x>")));
    assertTrue(html.contains("name=\"in.topic\" value=\"&lt;x&gt;\""), html);
    assertTrue(html.contains("topic *"), "required fields are marked");
    assertTrue(html.contains("<select id=\"in.type\" name=\"in.type\"><option value=\"\"></option><option>1</option>"),
        html);
    assertTrue(html.contains("<select id=\"in.muted\""), html);
    assertTrue(html.contains("<textarea rows=\"4\" id=\"in.settings\""), html);
    assertTrue(html.contains("<option>b</option>"), html);
  }

  @Test
  void turnsTheSubmittedFormIntoTheInput() throws Exception {
    var input = form.input(Map.of("in.topic", List.of("Standup"), "in.type", List.of("2"), "in.duration",
        List.of(" 30 "), "in.ratio", List.of("1.5"), "in.muted", List.of("true"), "in.settings",
        List.of("{\"a\":1}"), "in.tags", List.of("[\"x\"]"), "in.mode", List.of(""), "csrf", List.of("t")));
    assertEquals(Json.MAPPER.readTree("{\"topic\":\"Standup\",\"type\":2,\"duration\":30,\"ratio\":1.5,"
        + "\"muted\":true,\"settings\":{\"a\":1},\"tags\":[\"x\"]}").toString(), input.toString());
  }

  /** Issue 16, item 12: every problem at once, each naming its field, in form order. */
  @Test
  void everyBadValueAndMissingRequiredFieldIsReportedAtOnce() {
    ActivityForm.BadValues bad = assertThrows(ActivityForm.BadValues.class,
        () -> form.input(Map.of("in.duration", List.of("long"), "in.ratio", List.of("half"), "in.settings",
            List.of("{oops"))));

    List<String> problems = bad.problems();
    assertEquals(4, problems.size(), problems.toString());
    assertEquals("topic: required; enter a string", problems.get(0));
    assertEquals("duration: 'long' is not a whole number", problems.get(1));
    assertEquals("ratio: 'half' is not a number", problems.get(2));
    assertTrue(problems.get(3).startsWith("settings: not valid JSON at line 1, column"), problems.get(3));
  }

  /** Issue 16, item 12: a field that parsed but breaks the schema is reported with those that did not parse. */
  @Test
  void whatTheSchemaSaysOfTheParsedFieldsComesWithTheParseProblems() {
    ActivityForm.BadValues bad = assertThrows(ActivityForm.BadValues.class,
        () -> form.input(Map.of("in.topic", List.of("Standup"), "in.duration", List.of("abc"), "in.type",
            List.of("7"))));

    List<String> problems = bad.problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("type: ") && problems.get(0).contains("[1, 2, 3, 8]"), problems.get(0));
    assertEquals("duration: 'abc' is not a whole number", problems.get(1));
  }
}
