package dev.patchbay.api;

/**
 * The account and user a connection acts as.
 *
 * @param accountId the provider's account id
 * @param userId the provider's user id; for an app acting as itself, the app's own identity
 * @param displayName a name to show
 * @param email the user's email, or null when the provider does not give one
 */
public record ConnectionIdentity(String accountId, String userId, String displayName, String email) {

  /** Who the connection acts as, for people: the email when there is one, else the display name. */
  public String inWords() {
    return email != null ? email : displayName;
  }
}
