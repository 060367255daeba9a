package dev.patchbay.engine.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A schema in a definition (a plugin's, so untrusted) never makes the runtime fetch anything over the network. */
class RemoteRefTest {

  /** A fetch would happen while compiling, before the listener gives up waiting. */
  @Test
  @SuppressWarnings("try") // an accepted socket is only closed: that a connection came is all the test reads
  void aRemoteRefIsRefusedWithoutAConnection() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(500);
      AtomicBoolean connected = new AtomicBoolean();
      CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
        try (Socket socket = server.accept()) {
          connected.set(true);
        } catch (SocketTimeoutException e) {
          // Nobody came: what this test wants.
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      String schema = "{\"$ref\": \"http://127.0.0.1:" + server.getLocalPort() + "/schema.json\"}";

      assertThrows(InvalidSchemaException.class, () -> JsonSchemas.compile(Json.MAPPER.readTree(schema)));

      listening.join();
      assertFalse(connected.get(), "the runtime connected to fetch the $ref");
    }
  }
}
