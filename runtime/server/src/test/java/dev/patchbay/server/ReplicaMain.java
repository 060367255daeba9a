package dev.patchbay.server;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.webhooks.WebhookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A serve replica in a child JVM for {@link KilledReplicaTest}: on the shared store its environment names, with a
 * short lease; its event handler writes the event's id to a file and then never returns, so the test knows the event
 * was acknowledged and claimed here before it kills this process. Prints {@code port=N} once listening.
 *
 * <p>Arguments: the home, the file the handler writes, the lease in milliseconds.
 */
public final class ReplicaMain {

  private ReplicaMain() {}

  public static void main(String[] args) throws Exception {
    Path entered = Path.of(args[1]);
    PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(Path.of(args[0])))
        .environment(System.getenv()).start();
    CountDownLatch never = new CountDownLatch(1);
    PatchbayServer server = PatchbayServer.start(runtime, "replica-token", ServerOptions.defaults().withPort(0)
        .withWebhooks(WebhookSettings.defaults().withLease(Duration.ofMillis(Long.parseLong(args[2])))), event -> {
          try {
            Files.writeString(entered, event.id(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          never.await();
          throw new IllegalStateException("the test kills this process while it processes the event");
        });
    System.out.println("port=" + server.port());
    System.out.flush();
    never.await();
  }
}
