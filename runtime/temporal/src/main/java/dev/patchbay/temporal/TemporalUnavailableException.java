package dev.patchbay.temporal;

/** The Temporal service cannot be reached, or lacks what Patchbay needs of it; the message says what to check. */
public final class TemporalUnavailableException extends Exception {

  public TemporalUnavailableException(String message) {
    super(message);
  }
}
