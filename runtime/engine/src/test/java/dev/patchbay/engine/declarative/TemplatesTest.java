package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.patchbay.engine.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The template language of declarative operations: names, JSON pointers, types kept, absent values left out. */
class TemplatesTest {

  private static final JsonNode INPUT = Json.MAPPER.readTree("""
      {"owner": "octo", "labels": ["bug", "p1"], "count": 3, "none": null,
       "issue": {"title": "Crash", "meta": {"a/b": "slash", "m~n": "tilde"}, "assignees": ["ada"]}}
      """);

  @Test
  void aPointerPlaceholderReadsNestedInputIncludingEscapedNames() {
    assertEquals("octo/Crash", Templates.text("{owner}/{/issue/title}", INPUT));
    assertEquals("slash-tilde", Templates.text("{/issue/meta/a~1b}-{/issue/meta/m~0n}", INPUT));
  }

  @Test
  void aPlaceholderWithoutAValueLeavesTheWholeParameterOut() {
    assertNull(Templates.text("x-{/issue/missing}", INPUT));
    assertNull(Templates.text("{none}", INPUT), "JSON null is no value");
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put("state", "open");
    templates.put("milestone", "{/issue/milestone}");
    templates.put("labels", "{labels}");

    assertEquals(Map.of("state", "open", "labels", "bug,p1"), Templates.texts(templates, INPUT));
  }

  @Test
  void aLonePlaceholderKeepsTheValuesJsonTypeInABody() {
    JsonNode shape = Json.MAPPER.readTree("""
        {"title": "{/issue/title}", "assignees": "{/issue/assignees}", "count": "{count}",
         "text": "{count} labels", "milestone": "{/issue/milestone}", "list": ["{owner}", "{/nope}", 7]}
        """);

    assertEquals(Json.MAPPER.readTree("""
        {"title": "Crash", "assignees": ["ada"], "count": 3, "text": "3 labels", "list": ["octo", 7]}
        """), Templates.json(shape, INPUT));
  }
}
