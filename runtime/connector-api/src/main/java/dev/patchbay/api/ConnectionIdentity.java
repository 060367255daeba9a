package dev.patchbay.api;

/**
 * The account and user a connection acts as.
 *
 * @param accountId the provider's account id
 * @param userId the provider's user id; for an app acting as itself, the app's own identity
 * @param displayName a name to show
 * @param email the user's email, or null when the provider does not give one
 * @param grantedScopes the scopes the provider reported with the answer (GitHub's {@code X-OAuth-Scopes}), or
 *     null when it reported none there
 */
public record ConnectionIdentity(
    String accountId, String userId, String displayName, String email, java.util.Set<String> grantedScopes) {

  public ConnectionIdentity {
    grantedScopes = grantedScopes == null ? null : java.util.Set.copyOf(grantedScopes);
  }

  /** An identity whose answer reported no scopes. */
  public ConnectionIdentity(String accountId, String userId, String displayName, String email) {
    this(accountId, userId, displayName, email, null);
  }

  /** Who the connection acts as, for people: the email when there is one, else the display name. */
  public String inWords() {
    return email != null ? email : displayName;
  }
}
