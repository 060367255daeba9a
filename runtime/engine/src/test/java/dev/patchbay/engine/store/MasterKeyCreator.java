package dev.patchbay.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link MasterKeyCreationTest}: waits for {@code FOLDER/go}, then loads (creating it if absent) the
 * master key in {@code FOLDER/keys} and prints its id, or the error and exit status 1.
 */
final class MasterKeyCreator {

  private MasterKeyCreator() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(folder.resolve("go")) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    try {
      System.out.println("KEY " + MasterKey.load(Map.of(), folder.resolve("keys")).id());
    } catch (StoreException e) {
      System.out.println("ERROR " + e.getMessage());
      System.exit(1);
    }
  }
}
