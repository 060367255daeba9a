package dev.patchbay.api;

/** Receives progress of long-running work; implementations must be cheap to call often. */
@FunctionalInterface
public interface Progress {

  /** Progress that goes nowhere. */
  Progress NONE = (done, total, what) -> { };

  /**
   * @param done units done so far (bytes, items)
   * @param total units expected, or -1 when unknown
   * @param what what is being worked on, shown to the user; never a secret
   */
  void report(long done, long total, String what);
}
