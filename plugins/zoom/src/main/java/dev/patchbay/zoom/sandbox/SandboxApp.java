package dev.patchbay.zoom.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * A Zoom app registered in the sandbox. The credentials are fixed sandbox values, not secrets of any account, so a
 * sandbox connection keeps working across restarts on the same data directory.
 *
 * @param authTypeId the zoom.json auth type whose sandbox connections use this app
 * @param name shown on the consent page
 * @param accountLevel true for a Server-to-Server app (account_credentials grant, no user sign-in)
 */
record SandboxApp(String authTypeId, String name, String clientId, String clientSecret, boolean accountLevel) {

  /** The operator's General app, behind the {@code oauth} auth type. */
  static final SandboxApp OPERATOR =
      new SandboxApp("oauth", "Patchbay (sandbox operator app)", "PbxSandboxOperatorApp", "sandbox-operator-secret",
          false);

  /** A user's own General app, behind {@code byo-oauth}. */
  static final SandboxApp BRING_YOUR_OWN =
      new SandboxApp("byo-oauth", "My Zoom app (sandbox)", "PbxSandboxOwnApp0001", "sandbox-own-app-secret", false);

  /** An account's Server-to-Server OAuth app, behind {@code server-to-server}. */
  static final SandboxApp SERVER_TO_SERVER =
      new SandboxApp("server-to-server", "Server-to-Server app (sandbox)", "PbxSandboxS2SApp0001",
          "sandbox-s2s-secret", true);

  static final List<SandboxApp> ALL = List.of(OPERATOR, BRING_YOUR_OWN, SERVER_TO_SERVER);

  static Optional<SandboxApp> byClientId(String clientId) {
    return ALL.stream().filter(app -> app.clientId().equals(clientId)).findFirst();
  }

  static Optional<SandboxApp> byAuthType(String authTypeId) {
    return ALL.stream().filter(app -> app.authTypeId().equals(authTypeId)).findFirst();
  }

  /**
   * What a new authorization of this app is granted unless the control says otherwise, covering every operation of
   * the plugin: the classic user-level scopes for user-authorized apps; for the Server-to-Server app the granular
   * :admin scopes, the only kind a Server-to-Server app created today can pick (classic recording:read:admin would
   * not even cover GET /meetings/{meetingId}/recordings, whose classic scopes Zoom lists as recording:read and
   * phone_recording:read:admin).
   */
  List<String> defaultScopes() {
    return accountLevel
        ? List.of("user:read:user:admin", "meeting:write:meeting:admin", "meeting:read:meeting:admin",
            "meeting:read:list_meetings:admin", "meeting:update:meeting:admin", "meeting:delete:meeting:admin",
            "meeting:update:status:admin", "cloud_recording:read:list_user_recordings:admin",
            "cloud_recording:read:list_recording_files:admin", "cloud_recording:delete:meeting_recording:admin",
            "cloud_recording:delete:recording_file:admin")
        : List.of("meeting:read", "meeting:write", "recording:read", "recording:write", "user:read", "user_info:read");
  }
}
