package dev.patchbay.engine.activities;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.definitions.OperationDefinition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the connection's granted scopes against the operation's alternative scope sets before anything is sent,
 * so a missing scope is named up front instead of surfacing as the provider's vaguer refusal.
 */
final class ScopeCheck {

  private ScopeCheck() {}

  static void require(OperationDefinition operation, Connection connection, String activityName)
      throws ActivityException {
    List<List<String>> sets = operation.requiredScopes();
    if (sets.isEmpty()) {
      return;
    }
    for (List<String> set : sets) { // a loop, not a stream: every activity passes here
      if (connection.grantedScopes().containsAll(set)) {
        return;
      }
    }
    List<String> granted = connection.grantedScopes().stream().sorted().toList();
    String options = sets.stream().map(set -> String.join(" and ", set)).collect(Collectors.joining(", or "));
    throw Failures.of(ErrorCode.MISSING_SCOPE, activityName + " needs the scope " + options + ", but connection '"
        + connection.name() + "' was granted none of these (it has: " + (granted.isEmpty() ? "no scopes"
            : String.join(", ", granted)) + "). Add one of them to the app's scopes, then reconnect the connection "
        + "so its token carries it.",
        Map.of(ActivityError.REQUIRED_SCOPES, sets, ActivityError.GRANTED_SCOPES, granted));
  }
}
