package dev.patchbay.engine.catalog;

/** Why a connector was kept out of the catalog. */
final class RejectedConnectorException extends Exception {

  private static final long serialVersionUID = 1L;

  RejectedConnectorException(String message) {
    super(message);
  }
}
