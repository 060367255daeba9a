package dev.patchbay.engine.workflows;

import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog of a few Zoom-like operations and one Slack-like operation, and a handful of connections: "work" (Zoom,
 * every scope), "readonly" (Zoom, read scopes only), "expired" (Zoom, needs reauthorization), "team" (Slack).
 */
final class FakeEnvironment implements WorkflowEnvironment {

  private static final Map<String, Map<String, OperationDefinition>> OPERATIONS = Map.of(
      "zoom", Map.of(
          "meetings.list", operation("meetings.list", List.of(List.of("meeting:read"), List.of("meeting:read:admin")),
              """
              {"type": "object", "additionalProperties": false,
               "properties": {"userId": {"type": "string"}, "from": {"type": "string", "format": "date"},
                              "to": {"type": "string", "format": "date"}}}"""),
          "meetings.create", operation("meetings.create", List.of(List.of("meeting:write")), """
              {"type": "object", "required": ["topic"], "additionalProperties": false,
               "properties": {"userId": {"type": "string"}, "topic": {"type": "string", "maxLength": 200},
                              "duration": {"type": "integer", "minimum": 1},
                              "start_time": {"type": "string"}, "password": {"type": "string"},
                              "settings": {"type": "object", "properties": {"audio": {"enum": ["voip", "both"]}}}}}"""),
          "recordings.list", operation("recordings.list", List.of(List.of("recording:read")), """
              {"type": "object", "properties": {"userId": {"type": "string"}, "from": {"type": "string"},
                                                "to": {"type": "string"}}}"""),
          "recordings.download", operation("recordings.download", List.of(List.of("recording:read")), """
              {"type": "object", "required": ["meetingId", "directory"],
               "properties": {"meetingId": {"type": "string"}, "recordingId": {"type": "string"},
                              "directory": {"type": "string"}}}"""),
          "recordings.delete", operation("recordings.delete",
              List.of(List.of("recording:write"), List.of("recording:write:admin")), """
              {"type": "object", "required": ["meetingId"],
               "properties": {"meetingId": {"type": "string"}, "recordingId": {"type": "string"}}}""")),
      "slack", Map.of(
          "chat.post", operation("chat.post", List.of(), """
              {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}""")));

  private static final Map<String, Connection> CONNECTIONS = Map.of(
      "work", connection("work", "zoom", Set.of("meeting:read", "meeting:write", "recording:read", "recording:write"),
          ConnectionStatus.ACTIVE, null),
      "readonly", connection("readonly", "zoom", Set.of("meeting:read", "recording:read"), ConnectionStatus.ACTIVE,
          null),
      "expired", connection("expired", "zoom", Set.of("meeting:read"), ConnectionStatus.NEEDS_REAUTH,
          "the user revoked the app"),
      "team", connection("team", "slack", Set.of(), ConnectionStatus.ACTIVE, null));

  @Override
  public boolean hasConnector(String connectorId) {
    return OPERATIONS.containsKey(connectorId);
  }

  @Override
  public Optional<OperationDefinition> operation(String connectorId, String operationId) {
    return Optional.ofNullable(OPERATIONS.getOrDefault(connectorId, Map.of()).get(operationId));
  }

  @Override
  public List<String> operationIds(String connectorId) {
    return List.copyOf(OPERATIONS.getOrDefault(connectorId, Map.of()).keySet());
  }

  @Override
  public Optional<Connection> connection(String name) {
    return Optional.ofNullable(CONNECTIONS.get(name));
  }

  @Override
  public List<String> webhookEvents(String connectorId) {
    return connectorId.equals("zoom") ? List.of("recording.completed") : List.of();
  }

  private static OperationDefinition operation(String id, List<List<String>> scopes, String inputSchema) {
    return new OperationDefinition(id, id, id, "test", scopes, Json.MAPPER.readTree(inputSchema),
        Json.MAPPER.readTree("{}"), true, null, false, null, List.of(), null, List.of());
  }

  private static Connection connection(String name, String connector, Set<String> scopes, ConnectionStatus status,
      String reason) {
    return new Connection("id-" + name, name, connector, "oauth", scopes, null, "https://api.example.test", null,
        "https://example.test/token", null, Map.of(), status, reason, Instant.EPOCH, Instant.EPOCH);
  }
}
