package dev.patchbay.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A hand-off to another thread in which neither side ever parks: the worker spins on a slot until work appears,
 * the caller spins until the work is done. A diagnostic for {@link RunnerOverheadBenchmark}, not a design: it keeps
 * a core busy even when idle, and one caller at a time. A JMH state of its own, so that it exists (and spins) only
 * in the one benchmark that takes it.
 */
@State(Scope.Benchmark)
public class SpinningWorker {

  private final AtomicReference<FutureTask<?>> slot = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closed;

  public SpinningWorker() {
    thread = new Thread(this::work, "bench-spinning-worker");
    thread.setDaemon(true);
    thread.start();
  }

  <T> T call(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    slot.set(task);
    while (!task.isDone()) {
      Thread.onSpinWait();
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private void work() {
    while (!closed) {
      FutureTask<?> task = slot.getAndSet(null);
      if (task == null) {
        Thread.onSpinWait();
      } else {
        task.run();
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    closed = true;
  }
}
