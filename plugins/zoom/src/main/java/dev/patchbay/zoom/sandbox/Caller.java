package dev.patchbay.zoom.sandbox;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who an API request acts for: the user behind the access token (the app owner for a Server-to-Server token) and
 * the scopes the token was granted.
 */
record Caller(String clientId, String userId, boolean accountLevel, Set<String> scopes) {

  /**
   * Zoom's scope check: holding any one of the endpoint's scopes is enough; otherwise a 4711 error names the scope
   * the token would need, in the token's own family (classic or granular).
   */
  void requireAny(List<String> alternatives) {
    if (alternatives.stream().noneMatch(scopes::contains)) {
      throw missing(alternatives, false);
    }
  }

  /**
   * A user-level scope acts on the token's own user only ("me"); another user of the account needs an :admin (or
   * :master) form of a scope.
   */
  void requireAccessTo(ObjectNode target, List<String> alternatives) {
    if (Users.id(target).equals(userId)) {
      return;
    }
    if (alternatives.stream().noneMatch(scope -> isAdmin(scope) && scopes.contains(scope))) {
      throw missing(alternatives, true);
    }
  }

  private ApiError missing(List<String> alternatives, boolean admin) {
    boolean granular = scopes.stream().anyMatch(Caller::isGranular);
    String named = alternatives.stream()
        .filter(scope -> isGranular(scope) == granular && isAdmin(scope) == admin)
        .findFirst()
        .orElse(alternatives.get(0));
    return ApiError.zoom(400, 4711, "Invalid access token, does not contain scopes:[" + named + "].");
  }

  private static boolean isAdmin(String scope) {
    return scope.endsWith(":admin") || scope.endsWith(":master");
  }

  /** Granular scopes have three parts before any :admin or :master ("meeting:read:meeting"); classic ones fewer. */
  private static boolean isGranular(String scope) {
    String base = scope.replaceFirst(":(admin|master)$", "");
    return base.split(":").length >= 3;
  }
}
