package dev.patchbay.engine.store;

/** A store file encrypted with another master key than the current one; names both keys by their ids. */
public final class WrongKeyException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final String fileKeyId;

  WrongKeyException(String message, String fileKeyId) {
    super(message);
    this.fileKeyId = fileKeyId;
  }

  /** The id of the key the file was encrypted with. */
  public String fileKeyId() {
    return fileKeyId;
  }
}
