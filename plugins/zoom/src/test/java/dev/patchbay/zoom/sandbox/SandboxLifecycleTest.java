package dev.patchbay.zoom.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.zoom.ZoomConnector;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Starting, binding and stopping, and what the runtime learns from a running sandbox. */
class SandboxLifecycleTest {

  @Test
  void theConnectorShipsTheSandbox() throws Exception {
    var sandbox = new ZoomConnector().sandbox().orElseThrow();

    assertInstanceOf(ZoomSandbox.class, sandbox);
    try (RunningSandbox running = sandbox.start(SandboxOptions.defaults())) {
      assertTrue(running.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/v2"), running.baseUrl());
      String origin = running.baseUrl().substring(0, running.baseUrl().length() - 3);
      assertEquals(origin + "/oauth/authorize", running.authorizeUrl());
      assertEquals(origin + "/oauth/token", running.tokenUrl());
      assertEquals(origin + "/oauth/revoke", running.revokeUrl());
    }
  }

  @Test
  void connectionFieldsAreTheSandboxAppsPerAuthType() throws Exception {
    try (SandboxFixture zoom = SandboxFixture.start()) {
      assertEquals(Map.of("clientId", "PbxSandboxOperatorApp", "clientSecret", "sandbox-operator-secret"),
          zoom.sandbox.connectionFields("oauth"));
      assertEquals(Map.of("clientId", "PbxSandboxOwnApp0001", "clientSecret", "sandbox-own-app-secret"),
          zoom.sandbox.connectionFields("byo-oauth"));
      assertEquals(Map.of("accountId", "pbxSandboxAccount00001", "clientId", "PbxSandboxS2SApp0001",
          "clientSecret", "sandbox-s2s-secret"), zoom.sandbox.connectionFields("server-to-server"));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> zoom.sandbox.connectionFields("jwt"));
      assertTrue(e.getMessage().contains("jwt"));
    }
  }

  @Test
  void itListensOnLoopbackOnly() throws Exception {
    try (SandboxFixture zoom = SandboxFixture.start()) {
      InetSocketAddress address = zoom.sandbox.address();
      assertEquals("127.0.0.1", address.getAddress().getHostAddress());
      Optional<InetAddress> external = externalAddress();
      if (external.isPresent()) {
        try (Socket socket = new Socket()) {
          assertThrows(ConnectException.class,
              () -> socket.connect(new InetSocketAddress(external.get(), address.getPort()), 2000));
        }
      }
    }
  }

  @Test
  void aGivenPortIsUsedAndFreedOnClose() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    RunningZoomSandbox sandbox = new ZoomSandbox().start(new SandboxOptions(port, null, null, true));
    assertEquals("http://127.0.0.1:" + port, sandbox.origin());
    assertThrows(IOException.class, () -> new ZoomSandbox().start(new SandboxOptions(port, null, null, true)),
        "the port is taken");

    sandbox.close();
    sandbox.close();

    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(port, again.getLocalPort());
    }
  }

  /**
   * With Nagle's algorithm on, each answer's body would wait ~40 ms for the client's delayed ACK. Whether it does
   * can only be seen by timing, which a test on a shared machine must not assert: so this checks that the JDK's
   * server was told to turn it off before this JVM's first server started (the JDK reads the property once), and
   * that keep-alive requests are answered.
   */
  @Test
  void aKeepAliveClientIsNotHeldBackByNagle() throws Exception {
    try (SandboxFixture zoom = SandboxFixture.start()) {
      assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
      String token = zoom.accessToken();
      for (int i = 0; i < 20; i++) {
        assertEquals(200, zoom.get("/v2/users/me", token).statusCode());
      }
    }
  }

  private static Optional<InetAddress> externalAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }
}
