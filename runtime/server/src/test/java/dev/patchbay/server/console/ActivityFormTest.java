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

  @Test
  void badValuesNameTheirField() {
    ActivityForm.BadValue number = assertThrows(ActivityForm.BadValue.class,
        () -> form.input(Map.of("in.duration", List.of("long"))));
    assertTrue(number.getMessage().startsWith("duration:"), number.getMessage());
    ActivityForm.BadValue json = assertThrows(ActivityForm.BadValue.class,
        () -> form.input(Map.of("in.settings", List.of("{oops"))));
    assertTrue(json.getMessage().contains("line 1, column"), json.getMessage());
  }
}
