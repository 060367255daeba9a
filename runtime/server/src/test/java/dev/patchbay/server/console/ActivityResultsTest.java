package dev.patchbay.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityResultsTest {

  @Test
  void anOutcomeIsShownOnlyToTheSessionThatRanIt() {
    ActivityResults results = new ActivityResults();
    String id = results.keep("session-a", Map.of("in.topic", List.of("Retro")), "<p>done</p>");

    assertEquals("<p>done</p>", results.find("session-a", id).orElseThrow().html());
    assertEquals(List.of("Retro"), results.find("session-a", id).orElseThrow().values().get("in.topic"));
    assertTrue(results.find("session-b", id).isEmpty());
    assertTrue(results.find("session-a", "unknown").isEmpty());
    assertTrue(results.find("session-a", null).isEmpty());
  }

  @Test
  void theOldestAreDroppedBeyondTheLimit() {
    ActivityResults results = new ActivityResults();
    String first = results.keep("s", Map.of(), "first");
    String last = null;
    for (int i = 0; i < ActivityResults.MAX_KEPT; i++) {
      last = results.keep("s", Map.of(), "n" + i);
    }

    assertTrue(results.find("s", first).isEmpty());
    assertEquals("n" + (ActivityResults.MAX_KEPT - 1), results.find("s", last).orElseThrow().html());
  }
}
