package dev.patchbay.api;

import java.util.Map;

/** A started sandbox. Closing it stops it and frees its port. */
public interface RunningSandbox extends AutoCloseable {

  /** The API base URL, replacing the definition's {@code baseUrl}. */
  String baseUrl();

  /** The authorization endpoint, replacing every auth type's {@code authorizeUrl}. */
  String authorizeUrl();

  /** The token endpoint, replacing every auth type's {@code tokenUrl}. */
  String tokenUrl();

  /** The revocation endpoint, replacing every auth type's {@code revokeUrl}. */
  String revokeUrl();

  /**
   * The fields a sandbox connection of the given auth type is created with, including the sandbox's own client
   * credentials (they are sandbox values, not secrets of any real account). For an auth type whose client comes
   * from the operator, {@code clientId} and {@code clientSecret} of the sandbox's operator app.
   */
  Map<String, String> connectionFields(String authTypeId);

  /**
   * From now on, each sign-in the sandbox approves by itself is a new user of its account, so a connection made
   * afterwards never shares its user (nor, with a provider keeping one authorization per user and app, supersedes)
   * a connection made before: a server's console on the sandbox can connect again and again.
   *
   * @return false when the sandbox has a single user, and sign-ins stay that user's
   */
  default boolean newUserPerSignIn() {
    return false;
  }

  @Override
  void close();
}
