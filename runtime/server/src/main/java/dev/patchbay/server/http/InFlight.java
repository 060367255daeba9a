package dev.patchbay.server.http;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts requests being handled, so a stop can refuse new ones and wait for those running to finish. */
public final class InFlight {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int running;
  private boolean draining;

  /** Counts a request in; false once a stop began, when the request must be refused. */
  public boolean enter() {
    lock.lock();
    try {
      if (draining) {
        return false;
      }
      running++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  public void exit() {
    lock.lock();
    try {
      running--;
      if (running == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new requests from now on and waits up to {@code grace} for the running ones.
   *
   * @return how many were still running when the wait ended (0 when all finished)
   */
  public int drain(Duration grace) throws InterruptedException {
    lock.lock();
    try {
      draining = true;
      long nanos = grace.toNanos();
      while (running > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return running;
    } finally {
      lock.unlock();
    }
  }

  public int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }
}
