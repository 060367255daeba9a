package dev.patchbay.engine.activities;

/**
 * How many times the runner sends each request of one activity run. Locally the runner retries on its own
 * ({@link #RUNNER}); under a scheduler that retries whole activities (Temporal) it sends each request once
 * ({@link #single}), so retries are never stacked on retries.
 *
 * @param maxAttempts requests sent at most for one exchange with the provider, the first included
 * @param afterLostAnswer an earlier run of this activity may have reached the provider without its answer reaching
 *     us (the process running it died): an answer the operation's {@code doneWhenRetried} lists, or a DELETE's 404,
 *     then means that earlier run did the work, and the activity succeeds
 */
public record RequestAttempts(int maxAttempts, boolean afterLostAnswer) {

  /** The runner's own retries, up to 4 attempts per request within the activity's deadline. */
  public static final RequestAttempts RUNNER = new RequestAttempts(4, false);

  public RequestAttempts {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
  }

  /** One attempt per request: whoever runs the activity retries it. */
  public static RequestAttempts single(boolean afterLostAnswer) {
    return new RequestAttempts(1, afterLostAnswer);
  }
}
