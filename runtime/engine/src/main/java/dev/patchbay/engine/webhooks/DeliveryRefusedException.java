package dev.patchbay.engine.webhooks;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;

/** A delivery the inbox does not take, with the reason in words and what kind of refusal it is. */
public final class DeliveryRefusedException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  /** Why a delivery is refused; each asks the sender for something else. */
  public enum Reason {
    /** The connector is not loaded, receives no webhooks, or has no secret token set: nothing here listens. */
    NOT_RECEIVING,
    /** The signature or its timestamp did not verify: the sender is not the provider, or not now. */
    UNAUTHENTICATED,
    /** Signed by the provider, but not one of its events. */
    MALFORMED,
    /** The queue is full: the provider should deliver it again later. */
    BUSY,
    /**
     * This server cannot check or keep deliveries now (its secret token or its event store cannot be used): deliver
     * it again later.
     */
    UNAVAILABLE
  }

  private final Reason reason;

  DeliveryRefusedException(Reason reason, String message) {
    super(switch (reason) {
      case NOT_RECEIVING -> ErrorCode.NOT_FOUND;
      case UNAUTHENTICATED -> ErrorCode.PERMISSION_DENIED;
      case MALFORMED -> ErrorCode.INVALID_INPUT;
      case BUSY -> ErrorCode.RATE_LIMITED;
      case UNAVAILABLE -> ErrorCode.UPSTREAM_ERROR;
    }, message);
    this.reason = reason;
  }

  /** Too many events wait to be processed. */
  public static DeliveryRefusedException busy() {
    return new DeliveryRefusedException(Reason.BUSY, "the queue of events waiting to be processed is full; deliver "
        + "the event again later");
  }

  /** The event store cannot keep the event; the operator's log has the store's reason. */
  public static DeliveryRefusedException cannotKeep() {
    return new DeliveryRefusedException(Reason.UNAVAILABLE, "this server cannot keep events now; its operator will "
        + "find the reason in its log. Deliver it again later.");
  }

  public Reason reason() {
    return reason;
  }
}
