package dev.patchbay.zoom.sandbox;

import dev.patchbay.api.Sandbox;
import dev.patchbay.api.SandboxOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * The Zoom sandbox: a local, stateful emulator of the part of Zoom the plugin uses (OAuth, users, meetings, cloud
 * recordings and their downloads), answering as Zoom does, errors, limits and token rules included. Seed data:
 * {@link Seed}; settings and fault switches: {@link SandboxControl}.
 */
public final class ZoomSandbox implements Sandbox {

  private final Clock clock;

  public ZoomSandbox() {
    this(Clock.systemUTC());
  }

  /** @param clock the sandbox's time: code, token, page-token and daily-limit expiry all follow it */
  public ZoomSandbox(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RunningZoomSandbox start(SandboxOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    return RunningZoomSandbox.start(options, clock);
  }
}
