package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Where the server listens, and how it stops. */
class ServerLifecycleTest {

  @Test
  void bindsToLoopbackByDefault() throws Exception {
    assertEquals("127.0.0.1", ServerOptions.defaults().host());
    try (SandboxServer fixture = SandboxServer.start()) {
      assertEquals(200, fixture.api.raw("GET", "/healthz", null).status());
      Optional<InetAddress> external = nonLoopbackAddress();
      Assumptions.assumeTrue(external.isPresent(), "this host has no non-loopback IPv4 address to try");
      try (Socket socket = new Socket()) {
        assertThrows(IOException.class,
            () -> socket.connect(new InetSocketAddress(external.get(), fixture.server.port()), 2000));
      }
    }
  }

  @Test
  void aStopLetsRunningActivitiesFinishAndRefusesNewRequests() throws Exception {
    try (SandboxServer fixture = SandboxServer.start()) {
      fixture.control("{\"latencyMillis\":2000}");
      int before = fixture.sandboxRequests("/v2/users/me");
      CompletableFuture<Api.Answer> running = CompletableFuture.supplyAsync(
          () -> fixture.api.post("/api/activities/zoom/users.getCurrent", "{}"));
      fixture.awaitSandboxRequest("/v2/users/me", before);
      long started = System.nanoTime();
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(fixture.server::close);
      Api.Answer refused = fixture.api.raw("GET", "/healthz", null);
      for (int i = 0; i < 100 && refused.status() == 200; i++) {
        Thread.sleep(20);
        refused = fixture.api.raw("GET", "/healthz", null);
      }
      assertEquals(503, refused.status());
      assertEquals("SHUTTING_DOWN", refused.code());
      assertEquals("5", refused.header("Retry-After"));
      assertFalse(running.isDone(), "the activity is still running while new requests are refused");

      Api.Answer finished = running.get();
      assertEquals(200, finished.status(), finished.body());
      stopping.get();
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "the stop waited");
      assertThrows(UncheckedIOException.class, () -> fixture.api.raw("GET", "/healthz", null));
    }
  }

  @Test
  void aStopWaitsNoLongerThanTheGrace() throws Exception {
    try (SandboxServer fixture = SandboxServer.start(
        ServerOptions.defaults().withPort(0).withShutdownGrace(Duration.ofMillis(200)))) {
      // An answer an hour away: a stop that waited for it would never end within the bound below.
      fixture.control("{\"latencyMillis\":3600000}");
      int before = fixture.sandboxRequests("/v2/users/me");
      CompletableFuture.runAsync(() -> {
        try {
          fixture.api.post("/api/activities/zoom/users.getCurrent", "{}");
        } catch (UncheckedIOException e) {
          // The server stopped under it: what this test expects.
        }
      });
      fixture.awaitSandboxRequest("/v2/users/me", before);
      CompletableFuture.runAsync(fixture.server::close).get(2, java.util.concurrent.TimeUnit.MINUTES);
      fixture.control("{\"latencyMillis\":0}");
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
