package dev.patchbay.engine.auth;

/**
 * What an authorization request asks for beside the code, as the auth type's definition says: a PKCE challenge or
 * none, and the scopes under the provider's parameter name, already joined with its separator.
 *
 * @param scopeParameter the query parameter naming the scopes ({@code scope}), or null to send none
 * @param scope the scopes, joined; null or empty to send none
 */
public record AuthorizationOptions(boolean pkce, String scopeParameter, String scope) {

  boolean sendsScope() {
    return scopeParameter != null && scope != null && !scope.isEmpty();
  }
}
