package dev.patchbay.api;

import java.nio.file.Path;

/**
 * How to start a sandbox.
 *
 * @param port the port on 127.0.0.1, or 0 for any free one
 * @param seedFile a JSON file of seed data (the sandbox's own format), or null for its default data
 * @param dataDirectory where to keep state between runs, or null to keep it in memory only
 * @param autoApprove true to answer authorization requests without a person clicking "Allow" (unattended runs)
 */
public record SandboxOptions(int port, Path seedFile, Path dataDirectory, boolean autoApprove) {

  /** Any free port, default data, in memory, auto-approving. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(0, null, null, true);
  }
}
