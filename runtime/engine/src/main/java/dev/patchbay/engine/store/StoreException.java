package dev.patchbay.engine.store;

/** The connection store cannot do what was asked; the message says what to do about it and holds no secret. */
public class StoreException extends Exception {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
