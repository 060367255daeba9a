package dev.patchbay.zoom.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's hard-coded endpoint table against connector-defs/zoom.json: every scope combination the definition
 * accepts for an operation authorizes the operation's request in the sandbox too, and the rate-limit categories
 * match. The sandbox never reads the definition itself; this test keeps the two from drifting.
 */
class SandboxAgreesWithDefinitionTest {

  /** A sandbox endpoint an operation calls, with path parameters (a userId of "me" admits user_info:read). */
  private record Call(ZoomEndpoint endpoint, List<String> parameters) {}

  private static final Map<String, List<Call>> OPERATIONS = operations();

  private static Map<String, List<Call>> operations() {
    List<String> me = List.of("me");
    List<String> meeting = List.of("81000000001");
    Map<String, List<Call>> operations = new LinkedHashMap<>();
    operations.put("users.getCurrent", List.of(new Call(ZoomEndpoint.GET_USER, me)));
    operations.put("users.get", List.of(new Call(ZoomEndpoint.GET_USER, List.of("someone@example.com"))));
    operations.put("meetings.create", List.of(new Call(ZoomEndpoint.CREATE_MEETING, me)));
    operations.put("meetings.get", List.of(new Call(ZoomEndpoint.GET_MEETING, meeting)));
    operations.put("meetings.list", List.of(new Call(ZoomEndpoint.LIST_MEETINGS, me)));
    operations.put("meetings.update", List.of(new Call(ZoomEndpoint.UPDATE_MEETING, meeting)));
    operations.put("meetings.delete", List.of(new Call(ZoomEndpoint.DELETE_MEETING, meeting)));
    operations.put("meetings.end", List.of(new Call(ZoomEndpoint.UPDATE_MEETING_STATUS, meeting)));
    operations.put("recordings.list", List.of(new Call(ZoomEndpoint.LIST_RECORDINGS, me)));
    operations.put("recordings.get", List.of(new Call(ZoomEndpoint.GET_RECORDINGS, meeting)));
    operations.put("recordings.download", List.of(new Call(ZoomEndpoint.GET_RECORDINGS, meeting)));
    operations.put("recordings.delete", List.of(new Call(ZoomEndpoint.DELETE_RECORDINGS, meeting),
        new Call(ZoomEndpoint.DELETE_RECORDING_FILE, List.of("81000000001", "file"))));
    return operations;
  }

  private static JsonNode definition() {
    Path file = Path.of(System.getProperty("zoom.definition", "../../connector-defs/zoom.json"));
    return SandboxFixture.MAPPER.readTree(file);
  }

  @Test
  void everyOperationOfTheDefinitionIsServed() {
    Set<String> defined = new TreeSet<>();
    definition().path("operations").forEach(operation -> defined.add(operation.path("id").asString()));

    assertEquals(defined, new TreeSet<>(OPERATIONS.keySet()));
  }

  @Test
  void everyScopeCombinationTheDefinitionAcceptsAuthorizesTheSandboxEndpoint() {
    List<String> problems = new ArrayList<>();
    for (JsonNode operation : definition().path("operations")) {
      String id = operation.path("id").asString();
      for (JsonNode alternative : operation.path("requiredScopes")) {
        Set<String> granted = new TreeSet<>();
        alternative.forEach(scope -> granted.add(scope.asString()));
        boolean accepted = OPERATIONS.get(id).stream()
            .anyMatch(call -> call.endpoint().scopes(call.parameters()).stream().anyMatch(granted::contains));
        if (!accepted) {
          problems.add(id + ": a token with " + granted + " would get 4711 from the sandbox");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void rateLimitCategoriesMatch() {
    for (JsonNode operation : definition().path("operations")) {
      for (Call call : OPERATIONS.get(operation.path("id").asString())) {
        assertEquals(operation.path("rateLimitCategory").asString(),
            call.endpoint().category().name().toLowerCase(Locale.ROOT), operation.path("id").asString());
      }
    }
  }

  @Test
  void theDefaultGrantsCoverEveryOperation() {
    for (SandboxApp app : SandboxApp.ALL) {
      for (Map.Entry<String, List<Call>> operation : OPERATIONS.entrySet()) {
        Call call = operation.getValue().get(0);
        assertTrue(call.endpoint().scopes(call.parameters()).stream().anyMatch(app.defaultScopes()::contains),
            app.authTypeId() + " cannot run " + operation.getKey());
      }
    }
  }
}
