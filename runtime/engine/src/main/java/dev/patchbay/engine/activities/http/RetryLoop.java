package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailureSource;
import dev.patchbay.engine.activities.RequestAttempts;
import dev.patchbay.engine.activities.breaker.CircuitBreaker;
import dev.patchbay.engine.activities.time.Alarms;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request with the runner's retry policy (RELIABILITY R20):
 *
 * <ul>
 *   <li>a rate-limit refusal is retried after its {@code Retry-After} (or a backoff), whatever the method, since
 *       the provider did not act on it; a daily limit is not retried;
 *   <li>5xx answers and broken connections are retried with full-jitter backoff only for replay-safe requests;
 *   <li>a request that failed before it went out (refused connection, DNS) is retried whatever the method;
 *   <li>nothing waits past the activity's deadline: a wait that would is not started, and the last failure is
 *       returned at once.
 * </ul>
 */
final class RetryLoop {

  private static final Logger LOG = LoggerFactory.getLogger(RetryLoop.class);

  /** Reads an answer inside the attempt, so a body cut off mid-way counts as a failed attempt. */
  @FunctionalInterface
  interface Reader<T> {
    /** Reads {@code response}; must close it unless it returns it. */
    T read(Response response) throws IOException, ConnectorException;
  }

  private final String provider;
  private final String operation;
  private final Waiter waiter;
  private final ActivityRequests activity;
  private final ProviderBreakers.Endpoint endpoint;
  private final CircuitBreaker breaker;
  private final List<String> doneWhenRetried;
  private final RequestAttempts attempts;
  private final Alarms alarms;
  /** The attempt on its way, for {@link #cancel}. */
  private volatile Call current;
  /** Whether {@link #cancel} was called: an attempt's call timeout cancels its call too, and means something else. */
  private volatile boolean stopped;

  /**
   * @param provider the provider's name, for messages
   * @param operation the operation's full name ({@code zoom/meetings.create}), for messages
   * @param activity what every attempt is tagged with, for the runner's shared interceptors
   * @param endpoint the provider endpoint's circuit breaker, shared with every other activity
   * @param doneWhenRetried the operation's provider error codes that, answering a retry after a lost answer, mean
   *     the earlier attempt did it
   * @param attempts how often a request may be sent, and whether an earlier run's answer may have been lost
   * @param alarms ring an attempt's call timeout
   */
  RetryLoop(String provider, String operation, Waiter waiter, ActivityRequests activity,
      ProviderBreakers.Endpoint endpoint, List<String> doneWhenRetried, RequestAttempts attempts, Alarms alarms) {
    this.provider = provider;
    this.operation = operation;
    this.waiter = waiter;
    this.activity = activity;
    this.endpoint = endpoint;
    this.breaker = endpoint.breaker();
    this.doneWhenRetried = doneWhenRetried;
    this.attempts = attempts;
    this.alarms = alarms;
  }

  <T> T run(Exchange exchange, Reader<T> reader) throws ConnectorException {
    Deadline deadline = waiter.deadline();
    boolean earlierMayHaveLanded = attempts.afterLostAnswer();
    for (int attempt = 1; ; attempt++) {
      if (deadline.hasPassed() || Thread.currentThread().isInterrupted() || stopped) {
        throw waiter.stopped();
      }
      exchange.permits().acquire();
      admit(exchange.label());
      OkioTick.request();
      Attempt tagged = new Attempt(activity);
      Call call = tagged.tag(exchange.client().newCall(exchange.request()));
      CallTimeout callTimeout;
      try {
        callTimeout = new CallTimeout(call, exchange, deadline);
      } catch (IllegalStateException closed) {
        // The runner is closing: no request starts now.
        breaker.released();
        throw waiter.stopped();
      }
      ConnectorException failure;
      Duration wait;
      current = call;
      try {
        T result = readClosingOnFailure(call.execute(), reader);
        breaker.succeeded();
        return result;
      } catch (ConnectorIOException e) {
        failure = e.failure();
        judge(failure);
        if (earlierMayHaveLanded && alreadyDone(exchange, failure)) {
          // The earlier attempt's answer was lost, but what it asked for has happened: it did it.
          return readNoContent(exchange, reader, failure);
        }
        wait = retryWait(failure, exchange.replaySafe(), attempt);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted() || stopped || callTimeout.rang && callTimeout.deadlineBound) {
          // Stopped at the activity's deadline (interrupted, cancelled by the runner's watchdog, or by the attempt's
          // alarm set to the deadline): a caller out of time, not a provider failing, so no verdict on the provider.
          breaker.released();
          throw waiter.stopped();
        }
        IOException cause = callTimeout.rang ? callTimeout.passed(e) : e;
        failure = connectionFailure(cause, exchange, tagged.sent(), earlierMayHaveLanded);
        earlierMayHaveLanded |= tagged.sent();
        breaker.failed("no answer: " + cause.getClass().getSimpleName());
        wait = exchange.replaySafe() || !tagged.sent() ? Backoff.after(attempt) : null;
      } catch (ConnectorException | RuntimeException e) {
        breaker.released();
        throw e;
      } finally {
        callTimeout.alarm.cancel();
      }
      if (wait == null || attempt >= attempts.maxAttempts() || !deadline.allows(wait)) {
        throw failure;
      }
      LOG.info("{}: {} failed ({}); attempt {} of {} in {}", operation, exchange.label(), failure.code(),
          attempt + 1, attempts.maxAttempts(), Durations.text(wait));
      waiter.pause(wait);
    }
  }

  /** Cancels the attempt on its way, if any; OkHttp then fails it at once with an {@code IOException}. */
  void cancel() {
    stopped = true;
    Call call = current;
    if (call != null) {
      call.cancel();
    }
  }

  private void admit(String label) throws HttpFailure {
    Optional<CircuitBreaker.Open> open = breaker.admit();
    if (open.isPresent()) {
      CircuitBreaker.Open why = open.get();
      throw HttpFailure.refused(ErrorCode.UPSTREAM_ERROR, label + " was not sent: " + endpoint.name()
          + " failed the last " + why.failuresInARow() + " requests in a row (the last: " + why.lastFailure()
          + "), so Patchbay sends it nothing until " + why.until() + ", then tries one request. Retry after "
          + Durations.text(why.retryAfter()) + ".", FailureSource.BREAKER, why.retryAfter());
    }
  }

  /** A 5xx counts against the provider; any other answer shows it is up. */
  private void judge(ConnectorException failure) {
    if (failure instanceof HttpFailure answer && answer.httpStatus().isPresent()) {
      int status = answer.httpStatus().getAsInt();
      if (status >= 500) {
        breaker.failed("HTTP " + status);
      } else {
        breaker.succeeded();
      }
    } else {
      breaker.released();
    }
  }

  /**
   * A DELETE that finds the resource gone, or an error the definition says means the operation happened: only the
   * provider's own answer says so (a token endpoint's {@code invalid_grant} while renewing proves nothing).
   */
  private boolean alreadyDone(Exchange exchange, ConnectorException failure) {
    return failure.source() == FailureSource.PROVIDER
        && (exchange.request().method().equals("DELETE") && failure.code() == ErrorCode.NOT_FOUND
            || failure.providerCode().filter(doneWhenRetried::contains).isPresent());
  }

  private static <T> T readNoContent(Exchange exchange, Reader<T> reader, ConnectorException failure)
      throws ConnectorException {
    try {
      return reader.read(noContent(exchange));
    } catch (IOException e) {
      throw failure;
    }
  }

  private static Response noContent(Exchange exchange) {
    return new Response.Builder()
        .request(exchange.request())
        .protocol(okhttp3.Protocol.HTTP_1_1)
        .code(204)
        .message("No Content")
        .body(okhttp3.ResponseBody.create(new byte[0], null))
        .build();
  }

  private static <T> T readClosingOnFailure(Response response, Reader<T> reader)
      throws IOException, ConnectorException {
    try {
      return reader.read(response);
    } catch (IOException | ConnectorException | RuntimeException e) {
      response.close();
      throw e;
    }
  }

  /** How long to wait before retrying after the provider's answer {@code failure}; null for no retry. */
  private static Duration retryWait(ConnectorException failure, boolean replaySafe, int attempt) {
    if (!(failure instanceof HttpFailure answer) || answer.httpStatus().isEmpty()) {
      // Refused before sending (no token, no rate-limit permit in time): trying again now would not help.
      return null;
    }
    boolean serverError = answer.httpStatus().getAsInt() >= 500 && failure.code() == ErrorCode.UPSTREAM_ERROR;
    if (failure.code() == ErrorCode.RATE_LIMITED || (serverError && replaySafe)) {
      return answer.retryAfter().orElseGet(() -> Backoff.after(attempt));
    }
    return null;
  }

  /** @param earlierMayHaveLanded an earlier try may have been carried out, so this one's not leaving proves nothing */
  private ConnectorException connectionFailure(IOException e, Exchange exchange, boolean sent,
      boolean earlierMayHaveLanded) {
    String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof InterruptedIOException) {
      return HttpFailure.noAnswer(ErrorCode.TIMEOUT, provider + " did not answer " + exchange.label()
          + " in time (" + cause + "). Retry later, or raise the timeouts if the provider is slow for it.", e);
    }
    if (!sent) {
      String message = "Could not connect to " + provider + " for " + exchange.label() + " (" + cause + "). Check "
          + "the network and the connection's base URL.";
      return earlierMayHaveLanded ? HttpFailure.noAnswer(ErrorCode.UPSTREAM_ERROR, message, e)
          : HttpFailure.notSent(ErrorCode.UPSTREAM_ERROR, message, e);
    }
    if (!exchange.replaySafe()) {
      return HttpFailure.noAnswer(ErrorCode.UPSTREAM_ERROR, "The connection to " + provider + " broke after "
          + exchange.label() + " was sent (" + cause + "), so it may or may not have been carried out. Patchbay "
          + "did not send it again because " + operation + " is not idempotent: check whether it took effect "
          + "before running it again.", e);
    }
    return HttpFailure.noAnswer(ErrorCode.UPSTREAM_ERROR, "The connection to " + provider + " broke during "
        + exchange.label() + " (" + cause + "). Retry later.", e);
  }

  /**
   * One attempt's bound from sending to the end of its answer: the operation's call timeout, or what is left of the
   * activity's deadline if that is less. On the runner's alarms rather than OkHttp's call timeout, which wakes Okio's
   * watchdog thread on nearly every request (see {@link Alarms}).
   */
  private final class CallTimeout implements Runnable {
    private final Call call;
    private final Duration timeout;
    private final boolean deadlineBound;
    private final Alarms.Alarm alarm;
    private volatile boolean rang;

    CallTimeout(Call call, Exchange exchange, Deadline deadline) {
      this.call = call;
      Duration remaining = deadline.remaining();
      this.deadlineBound = exchange.callTimeout() == null || remaining.compareTo(exchange.callTimeout()) <= 0;
      this.timeout = deadlineBound ? remaining : exchange.callTimeout();
      this.alarm = alarms.set(timeout, this);
    }

    @Override
    public void run() {
      rang = true;
      call.cancel();
    }

    /** What the cancelled call's failure means: the provider took longer than the operation's call timeout. */
    InterruptedIOException passed(IOException cancelled) {
      InterruptedIOException passed = new InterruptedIOException("call timeout of " + Durations.text(timeout));
      passed.initCause(cancelled);
      return passed;
    }
  }
}
