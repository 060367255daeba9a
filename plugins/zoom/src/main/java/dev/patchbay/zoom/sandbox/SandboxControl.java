package dev.patchbay.zoom.sandbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Settings and fault switches of a running Zoom sandbox, changeable at any time; every method takes effect from the
 * next request. The same switches are reachable over HTTP ({@code POST /_sandbox/control}, see
 * {@link ControlEndpoint}) for clients that cannot share this class, such as a runtime that loaded the plugin.
 */
public final class SandboxControl {

  private final Services services;

  SandboxControl(Services services) {
    this.services = services;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Settings

  /** How long new access tokens live (Zoom: 3599 s); short values let tests watch tokens expire. */
  public void accessTokenLifetime(Duration lifetime) {
    services.settings().accessTokenLifetime(Objects.requireNonNull(lifetime, "lifetime"));
  }

  /** Requests per second the account gets in the category (Zoom Pro: Light 30, Medium 20). */
  public void rateLimit(RateLimitCategory category, int requestsPerSecond) {
    services.settings().perSecond(Objects.requireNonNull(category, "category"), requestsPerSecond);
  }

  /** Meeting creates plus updates each host may make per UTC day (Zoom: 100). */
  public void dailyMeetingWriteLimit(int perHostPerDay) {
    services.settings().dailyMeetingWrites(perHostPerDay);
  }

  /**
   * The scopes later authorizations of the app are granted (its token responses' scope). Tokens already issued keep
   * theirs, as Zoom's do until the user authorizes again.
   */
  public void grantedScopes(String clientId, Collection<String> scopes) {
    services.settings().grantedScopes(app(clientId), List.copyOf(scopes));
  }

  /** Whether /oauth/authorize approves at once (unattended runs) or shows the consent page. */
  public void autoApprove(boolean autoApprove) {
    services.settings().autoApprove(autoApprove);
  }

  /** The Zoom user "signed in" in the browser, who approves authorizations (by default the account owner). */
  public void signedInUser(String userIdOrEmail) {
    services.settings().signedInUserId(Users.id(user(userIdOrEmail)));
  }

  // ------------------------------------------------------------------------------------------------------------
  // Fault switches

  /**
   * An account admin requires pre-approval of user-authorized apps, and has not given it: /oauth/authorize redirects
   * with {@code error=access_denied}, the token endpoint answers {@code "The token is disabled by admin"} (Zoom's
   * 4738) for codes and refresh tokens, and the API refuses existing tokens of those apps (code 124). Server-to-Server
   * apps are not affected. Switching it off restores the tokens.
   */
  public void adminPreApprovalRequired(boolean required) {
    services.faults().adminPreApprovalRequired(required);
  }

  /** The user removes the app: every authorization of that user and app ends, refresh tokens included. */
  public void revokeApp(String userIdOrEmail, String clientId) {
    services.grants().revokeApp(Users.id(user(userIdOrEmail)), app(clientId).clientId());
  }

  /** A delay before every request is handled. */
  public void latency(Duration latency) {
    services.faults().latency(Objects.requireNonNull(latency, "latency"));
  }

  /**
   * Recording files are sent at most this fast (0: as fast as the connection goes), so a test can stop a download
   * half way.
   */
  public void downloadBytesPerSecond(long bytesPerSecond) {
    services.faults().downloadBytesPerSecond(bytesPerSecond);
  }

  /**
   * The next {@code count} requests whose path starts with {@code pathPrefix} ("/" for all, "/oauth/token",
   * "/v2", "/rec") have their connection closed before they are handled: no response, and no effect.
   */
  public void dropConnections(int count, String pathPrefix) {
    services.faults().droppedConnections().set(new Faults.Burst(count, pathPrefix, 0));
  }

  /**
   * The next {@code count} matching requests are handled (a refresh rotates the token, a create creates the meeting)
   * but their connection is closed instead of answering: the response is lost on the way back.
   */
  public void loseResponses(int count, String pathPrefix) {
    services.faults().lostResponses().set(new Faults.Burst(count, pathPrefix, 0));
  }

  /**
   * The next {@code count} matching requests are answered with this status without being handled: a 5xx, or 429 as
   * Zoom's per-second limit answers (with {@code Retry-After: 1}).
   */
  public void serverErrors(int count, int status, String pathPrefix) {
    if (status != 429 && (status < 500 || status > 599)) {
      throw new IllegalArgumentException("a server error status is 5xx or 429, not " + status);
    }
    services.faults().serverErrors().set(new Faults.Burst(count, pathPrefix, status));
  }

  /** Switches every fault off. */
  public void clearFaults() {
    services.faults().clear();
  }

  // ------------------------------------------------------------------------------------------------------------
  // State

  /** Lets every access token issued so far expire now, without waiting for its lifetime. */
  public void expireAccessTokens() {
    services.grants().expireAccessTokens();
  }

  /** The host starts the meeting: its status becomes "started", so it is live and can be ended. */
  public void startMeeting(long meetingId) {
    synchronized (services.state()) {
      ObjectNode meeting = services.state().meeting(meetingId);
      if (meeting == null) {
        throw new IllegalArgumentException("the sandbox has no meeting " + meetingId);
      }
      ObjectNode started = meeting.deepCopy();
      started.put("status", "started");
      services.state().replaceMeeting(started);
      services.state().changed();
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Observation

  /** How many requests had a path starting with the prefix (fault-injected ones included). */
  public long requestCount(String pathPrefix) {
    return services.requestLog().requests(pathPrefix);
  }

  /** How many recording file requests whose path starts with {@code pathPrefix} asked for a byte range it served. */
  public long rangedRequestCount(String pathPrefix) {
    return services.requestLog().rangedRequests(pathPrefix);
  }

  /** How many token requests named this grant_type ("refresh_token", "authorization_code", …). */
  public long tokenRequestCount(String grantType) {
    return services.requestLog().tokenRequests(grantType);
  }

  private ObjectNode user(String userIdOrEmail) {
    ObjectNode user = services.state().user(Objects.requireNonNull(userIdOrEmail, "user"));
    if (user == null) {
      throw new IllegalArgumentException("the sandbox has no user " + userIdOrEmail);
    }
    return user;
  }

  private static SandboxApp app(String clientId) {
    return SandboxApp.byClientId(clientId)
        .orElseThrow(() -> new IllegalArgumentException("the sandbox has no app with client id " + clientId));
  }
}
