package dev.patchbay.zoom.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tunable numbers of the sandbox: Zoom's values by default, smaller in tests so expiry and limits show quickly.
 * Read on every request, changed through {@link SandboxControl} at any time.
 */
final class Settings {

  static final Duration ZOOM_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3599);
  static final int ZOOM_DAILY_MEETING_WRITES = 100;

  private volatile Duration accessTokenLifetime = ZOOM_ACCESS_TOKEN_LIFETIME;
  private volatile int dailyMeetingWrites = ZOOM_DAILY_MEETING_WRITES;
  private volatile boolean autoApprove;
  private volatile String signedInUserId;
  private volatile boolean newUserPerSignIn;
  private final Map<RateLimitCategory, Integer> perSecond = new EnumMap<>(RateLimitCategory.class);
  private final Map<String, List<String>> grantedScopes = new ConcurrentHashMap<>();

  Settings(boolean autoApprove) {
    this.autoApprove = autoApprove;
    for (RateLimitCategory category : RateLimitCategory.values()) {
      perSecond.put(category, category.proPerSecond());
    }
  }

  Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  void accessTokenLifetime(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("the access-token lifetime must be positive: " + lifetime);
    }
    accessTokenLifetime = lifetime;
  }

  int dailyMeetingWrites() {
    return dailyMeetingWrites;
  }

  void dailyMeetingWrites(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the daily meeting create/update limit cannot be negative: " + limit);
    }
    dailyMeetingWrites = limit;
  }

  synchronized int perSecond(RateLimitCategory category) {
    return perSecond.get(category);
  }

  synchronized void perSecond(RateLimitCategory category, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a rate limit must allow at least one request per second: " + limit);
    }
    perSecond.put(category, limit);
  }

  List<String> grantedScopes(SandboxApp app) {
    return grantedScopes.getOrDefault(app.clientId(), app.defaultScopes());
  }

  void grantedScopes(SandboxApp app, List<String> scopes) {
    grantedScopes.put(app.clientId(), List.copyOf(scopes));
  }

  boolean autoApprove() {
    return autoApprove;
  }

  void autoApprove(boolean autoApprove) {
    this.autoApprove = autoApprove;
  }

  /** The user who is "signed in to Zoom" in the browser, or null for the account owner. */
  String signedInUserId() {
    return signedInUserId;
  }

  void signedInUserId(String userId) {
    this.signedInUserId = userId;
  }

  /**
   * Whether each sign-in approved by itself is a new user of the account (a server's console on the sandbox), unless
   * a signed-in user was chosen.
   */
  boolean newUserPerSignIn() {
    return newUserPerSignIn;
  }

  void newUserPerSignIn(boolean newUser) {
    this.newUserPerSignIn = newUser;
  }
}
