package dev.patchbay.zoom.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OAuth side of the sandbox: authorization codes and grants. A grant is one authorization (a token family): the
 * access tokens and the one current refresh token issued from it, plus the refresh tokens it rotated out. Zoom's rules
 * live here: codes are single-use and live five minutes; every refresh rotates the refresh token; presenting a rotated
 * one revokes the whole family; a user authorizing the same app again revokes the earlier grant (Zoom's 4741).
 * Guarded by the state's lock and saved with it.
 */
final class Grants {

  static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

  /** Why a grant stopped working; decides what the token endpoint says about its tokens. */
  enum Revocation {
    /** The same user authorized the same app again (Zoom's 4741). */
    SUPERSEDED,
    /** A refresh token was presented after it had been rotated out. */
    REFRESH_TOKEN_REUSED,
    /** The user removed the app. */
    APP_REMOVED,
    /** The client revoked it at /oauth/revoke. */
    REVOKED
  }

  /** The tokens a grant hands out at the token endpoint. */
  record Tokens(String accessToken, String refreshToken, Duration expiresIn, List<String> scopes) {}

  private record Code(String clientId, String userId, String redirectUri, String challenge, String method,
      Instant expiresAt) {}

  private static final class Grant {
    final String id;
    final String clientId;
    final String userId;
    final boolean accountLevel;
    final List<String> scopes;
    final Map<String, Instant> accessTokens = new LinkedHashMap<>();
    final Set<String> retiredRefreshTokens = new LinkedHashSet<>();
    String refreshToken;
    Revocation revoked;

    Grant(String id, String clientId, String userId, boolean accountLevel, List<String> scopes) {
      this.id = id;
      this.clientId = clientId;
      this.userId = userId;
      this.accountLevel = accountLevel;
      this.scopes = List.copyOf(scopes);
    }
  }

  private final SandboxState state;
  private final Settings settings;
  private final Faults faults;
  private final Clock clock;
  private final Ids ids;
  private final Map<String, Code> codes = new HashMap<>();
  private final List<Grant> grants = new ArrayList<>();
  private final Map<String, Grant> byAccessToken = new HashMap<>();
  private final Map<String, Grant> byRefreshToken = new HashMap<>();

  Grants(SandboxState state, Settings settings, Faults faults, Clock clock, Ids ids) {
    this.state = state;
    this.settings = settings;
    this.faults = faults;
    this.clock = clock;
    this.ids = ids;
  }

  /** A code for the authorize redirect. */
  String issueCode(SandboxApp app, String userId, String redirectUri, String challenge, String method) {
    synchronized (state) {
      Instant now = clock.instant();
      codes.values().removeIf(code -> !now.isBefore(code.expiresAt()));
      String code = ids.token(24);
      codes.put(code, new Code(app.clientId(), userId, redirectUri, challenge, method, now.plus(CODE_LIFETIME)));
      return code;
    }
  }

  /** The authorization_code grant. The code is used up by any attempt, as a single-use code must be. */
  Tokens redeemCode(SandboxApp app, String codeValue, String redirectUri, String verifier) {
    synchronized (state) {
      Instant now = clock.instant();
      Code code = codeValue == null ? null : codes.remove(codeValue);
      if (code == null || !code.clientId().equals(app.clientId()) || !now.isBefore(code.expiresAt())) {
        throw ApiError.oauth(400, "invalid_grant", "Invalid authorization code");
      }
      if (!code.redirectUri().equals(redirectUri)) {
        throw ApiError.oauth(400, "invalid_grant", "Redirect URI mismatch.");
      }
      if (code.challenge() != null && !Pkce.matches(code.challenge(), code.method(), verifier)) {
        throw ApiError.oauth(400, "invalid_grant", "Invalid code verifier.");
      }
      requireNotDisabledByAdmin(app.accountLevel());
      if (state.user(code.userId()) == null) {
        throw ApiError.oauth(400, "invalid_grant", "The owner of the token does not exist");
      }
      for (Grant earlier : grants) {
        if (earlier.revoked == null && earlier.clientId.equals(app.clientId()) && earlier.userId.equals(code.userId())) {
          earlier.revoked = Revocation.SUPERSEDED;
        }
      }
      Grant grant = new Grant(ids.token(12), app.clientId(), code.userId(), false, settings.grantedScopes(app));
      grants.add(grant);
      Tokens tokens = issue(grant, now, true);
      state.changed();
      return tokens;
    }
  }

  /** The refresh_token grant, with rotation and reuse detection. */
  Tokens refresh(SandboxApp app, String refreshToken) {
    synchronized (state) {
      Grant grant = refreshToken == null ? null : byRefreshToken.get(refreshToken);
      if (grant == null || !grant.clientId.equals(app.clientId())) {
        throw ApiError.oauth(400, "invalid_grant", "Invalid Token!");
      }
      if (grant.revoked != null) {
        throw revokedError(grant.revoked);
      }
      requireNotDisabledByAdmin(grant.accountLevel);
      if (!refreshToken.equals(grant.refreshToken)) {
        // A rotated-out token is back: either it leaked or a client lost track. Both end the whole family.
        grant.revoked = Revocation.REFRESH_TOKEN_REUSED;
        state.changed();
        throw ApiError.oauth(400, "invalid_grant", "Invalid Token!");
      }
      grant.retiredRefreshTokens.add(grant.refreshToken);
      Tokens tokens = issue(grant, clock.instant(), true);
      state.changed();
      return tokens;
    }
  }

  /** The account_credentials grant of a Server-to-Server app: a token for the account, acting as its owner. */
  Tokens accountCredentials(SandboxApp app, String accountId) {
    synchronized (state) {
      if (accountId == null || accountId.isBlank()) {
        throw ApiError.oauth(400, "invalid_request", "Missing account_id.");
      }
      if (!accountId.equals(state.accountId())) {
        throw ApiError.oauth(400, "invalid_request", "Invalid account_id.");
      }
      Instant now = clock.instant();
      // Zoom lets an S2S app hold several live tokens; long-expired ones are dropped so benchmarks do not grow the
      // state without bound.
      for (Iterator<Grant> it = grants.iterator(); it.hasNext(); ) {
        Grant old = it.next();
        if (old.accountLevel && old.accessTokens.values().stream().allMatch(expiry -> isStale(expiry, now))) {
          old.accessTokens.keySet().forEach(byAccessToken::remove);
          it.remove();
        }
      }
      Grant grant = new Grant(ids.token(12), app.clientId(), Users.id(state.owner()), true,
          settings.grantedScopes(app));
      grants.add(grant);
      Tokens tokens = issue(grant, now, false);
      state.changed();
      return tokens;
    }
  }

  /** /oauth/revoke: ends the grant the access or refresh token belongs to. An unknown token is not an error. */
  void revoke(SandboxApp app, String token) {
    synchronized (state) {
      Grant grant = byAccessToken.containsKey(token) ? byAccessToken.get(token) : byRefreshToken.get(token);
      if (grant == null) {
        return;
      }
      if (!grant.clientId.equals(app.clientId())) {
        throw ApiError.oauth(400, "invalid_request", "Invalid Token!");
      }
      if (grant.revoked == null) {
        grant.revoked = Revocation.REVOKED;
        state.changed();
      }
    }
  }

  /** Who a bearer token acts for, or Zoom's 124 error. */
  Caller authenticate(String accessToken) {
    synchronized (state) {
      Grant grant = byAccessToken.get(accessToken);
      if (grant == null || grant.revoked != null || (!grant.accountLevel && faults.adminPreApprovalRequired())) {
        throw ApiError.zoom(401, 124, "Invalid access token.");
      }
      if (!clock.instant().isBefore(grant.accessTokens.get(accessToken))) {
        throw ApiError.zoom(401, 124, "Access token is expired.");
      }
      return new Caller(grant.clientId, grant.userId, grant.accountLevel, Set.copyOf(grant.scopes));
    }
  }

  /** The user removes the app: every grant of that user and app ends. */
  int revokeApp(String userId, String clientId) {
    synchronized (state) {
      int revoked = 0;
      for (Grant grant : grants) {
        if (grant.revoked == null && grant.userId.equals(userId) && grant.clientId.equals(clientId)) {
          grant.revoked = Revocation.APP_REMOVED;
          revoked++;
        }
      }
      state.changed();
      return revoked;
    }
  }

  /** Lets every access token issued so far expire now, as if its hour had passed. */
  void expireAccessTokens() {
    synchronized (state) {
      Instant now = clock.instant();
      for (Grant grant : grants) {
        grant.accessTokens.replaceAll((token, expiry) -> expiry.isAfter(now) ? now : expiry);
      }
      state.changed();
    }
  }

  ArrayNode toJson() {
    synchronized (state) {
      ArrayNode nodes = SandboxJson.array();
      for (Grant grant : grants) {
        ObjectNode node = nodes.addObject();
        node.put("id", grant.id);
        node.put("client_id", grant.clientId);
        node.put("user_id", grant.userId);
        node.put("account_level", grant.accountLevel);
        ArrayNode scopes = node.putArray("scopes");
        grant.scopes.forEach(scopes::add);
        ObjectNode accessTokens = node.putObject("access_tokens");
        grant.accessTokens.forEach((token, expiry) -> accessTokens.put(token, expiry.toString()));
        if (grant.refreshToken != null) {
          node.put("refresh_token", grant.refreshToken);
        }
        ArrayNode retired = node.putArray("retired_refresh_tokens");
        grant.retiredRefreshTokens.forEach(retired::add);
        if (grant.revoked != null) {
          node.put("revoked", grant.revoked.name());
        }
      }
      return nodes;
    }
  }

  /** Restores the grants a data directory kept. */
  void load(JsonNode nodes) {
    synchronized (state) {
      for (JsonNode node : nodes) {
        List<String> scopes = new ArrayList<>();
        node.path("scopes").forEach(scope -> scopes.add(scope.asString()));
        Grant grant = new Grant(node.path("id").asString(), node.path("client_id").asString(),
            node.path("user_id").asString(), node.path("account_level").asBoolean(), scopes);
        node.path("access_tokens").properties().forEach(entry -> {
          grant.accessTokens.put(entry.getKey(), Instant.parse(entry.getValue().asString()));
          byAccessToken.put(entry.getKey(), grant);
        });
        grant.refreshToken = node.path("refresh_token").asString(null);
        if (grant.refreshToken != null) {
          byRefreshToken.put(grant.refreshToken, grant);
        }
        node.path("retired_refresh_tokens").forEach(token -> {
          grant.retiredRefreshTokens.add(token.asString());
          byRefreshToken.put(token.asString(), grant);
        });
        String revoked = node.path("revoked").asString(null);
        grant.revoked = revoked == null ? null : Revocation.valueOf(revoked);
        grants.add(grant);
      }
    }
  }

  private Tokens issue(Grant grant, Instant now, boolean withRefreshToken) {
    Duration lifetime = settings.accessTokenLifetime();
    for (Iterator<Map.Entry<String, Instant>> it = grant.accessTokens.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Instant> token = it.next();
      if (isStale(token.getValue(), now)) {
        byAccessToken.remove(token.getKey());
        it.remove();
      }
    }
    String accessToken = ids.token(32);
    grant.accessTokens.put(accessToken, now.plus(lifetime));
    byAccessToken.put(accessToken, grant);
    if (withRefreshToken) {
      grant.refreshToken = ids.token(32);
      byRefreshToken.put(grant.refreshToken, grant);
    }
    return new Tokens(accessToken, withRefreshToken ? grant.refreshToken : null, lifetime, grant.scopes);
  }

  /** Expired access tokens stay known for an hour, so a late request hears "expired" rather than "invalid". */
  private static boolean isStale(Instant expiry, Instant now) {
    return expiry.plus(Duration.ofHours(1)).isBefore(now);
  }

  private void requireNotDisabledByAdmin(boolean accountLevel) {
    if (!accountLevel && faults.adminPreApprovalRequired()) {
      throw ApiError.oauth(400, "invalid_grant", "The token is disabled by admin");
    }
  }

  private static ApiError revokedError(Revocation revocation) {
    return ApiError.oauth(400, "invalid_grant",
        revocation == Revocation.SUPERSEDED ? "The token has been revoked" : "Invalid Token!");
  }
}
