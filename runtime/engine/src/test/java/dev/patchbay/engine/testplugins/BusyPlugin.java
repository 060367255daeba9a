package dev.patchbay.engine.testplugins;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pf4j.Plugin;

/** A plugin with a thread pool of its own from {@code start()} to {@code stop()}, like plugins with background work. */
public class BusyPlugin extends Plugin {

  private static volatile ExecutorService workers;

  @Override
  public void start() {
    workers = Executors.newFixedThreadPool(2);
  }

  @Override
  public void stop() {
    workers.shutdownNow();
    workers = null;
  }

  /** Runs {@code work} on the plugin's own threads and waits for it. */
  static <T> T inBackground(Callable<T> work) throws ExecutionException, InterruptedException {
    return workers.submit(work).get();
  }
}
