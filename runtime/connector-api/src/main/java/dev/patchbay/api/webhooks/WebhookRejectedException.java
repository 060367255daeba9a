package dev.patchbay.api.webhooks;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;

/**
 * A delivery the connector refuses: a signature that does not verify, a body that is not one of the provider's
 * events. The message says what is wrong for the operator and never contains the secret token.
 */
public class WebhookRejectedException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  public WebhookRejectedException(String message) {
    super(ErrorCode.INVALID_INPUT, message);
  }
}
