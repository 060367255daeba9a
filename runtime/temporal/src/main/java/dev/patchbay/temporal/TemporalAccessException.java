package dev.patchbay.temporal;

/** The TLS files given for a Temporal connection cannot be used; the message names the file and what to give. */
public final class TemporalAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  public TemporalAccessException(String message) {
    super(message);
  }
}
