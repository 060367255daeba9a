package dev.patchbay.cli.e2e;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test on a fresh runtime switched to the Zoom sandbox, connected through the operator's app (the sandbox's
 * {@code oauth} auth type); each test gets its own home, runtime and sandbox.
 */
abstract class SandboxE2eTest {

  /** The sandbox connection's name. */
  static final String CONNECTION = "zoom-sandbox";

  @TempDir
  Path home;

  PatchbayRuntime runtime;
  SandboxHttp sandbox;

  @BeforeEach
  void openSandbox() throws Exception {
    runtime = E2e.runtime(home);
    runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
    sandbox = E2e.sandboxOf(runtime);
  }

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }
}
