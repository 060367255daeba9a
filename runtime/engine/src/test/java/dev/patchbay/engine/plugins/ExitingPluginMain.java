package dev.patchbay.engine.plugins;

import dev.patchbay.engine.activities.ActivityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM hosting a runtime the way {@code patchbay serve} does (a shutdown hook closes it) for
 * {@link PluginSystemExitTest}. {@code start}: watches the plugin folder and serves until the process ends.
 * {@code activity}: calls echo/messages.echo, whose code exits the process on this very thread (plugin code runs on
 * its caller's thread), so no answer is printed; the shutdown has nothing to wait for.
 */
final class ExitingPluginMain {

  private ExitingPluginMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    HotPluginFixture fixture = new HotPluginFixture(home);
    CountDownLatch answered = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        answered.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      fixture.close();
    }));
    if (args[1].equals("start")) {
      answered.countDown();
      fixture.runtime.plugins().watch(new PluginWatchSettings(Duration.ZERO, Duration.ofMillis(50)));
      Files.writeString(home.resolve("serving"), "");
      new CountDownLatch(1).await();
    } else {
      answered.countDown();
      try {
        System.out.println("ANSWER " + fixture.echoCall("hello"));
      } catch (ActivityException e) {
        System.out.println("ANSWER " + e.code() + ": " + e.getMessage());
      }
      System.out.flush();
    }
  }
}
