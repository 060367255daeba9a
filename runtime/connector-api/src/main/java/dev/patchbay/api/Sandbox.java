package dev.patchbay.api;

import java.io.IOException;

/**
 * A local emulator of a connector's service, for runs with no account and no network, and as a test fixture.
 * The host starts it on 127.0.0.1, points sandbox connections at it, and stops it afterwards.
 */
public interface Sandbox {

  /**
   * Starts the emulator; it serves until the returned handle is closed.
   *
   * @throws IllegalArgumentException when {@code options} ask for what it cannot do (a seed file it cannot use): the
   *     message is shown to the user as {@code INVALID_INPUT}
   */
  RunningSandbox start(SandboxOptions options) throws IOException;
}
