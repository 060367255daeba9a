package dev.patchbay.engine.workflows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.activities.ActivityError;
import java.util.Map;
import java.util.Objects;

/**
 * An activity a step invoked failed with an {@link ActivityError}: its code and message as any failure's, and its
 * details (the provider's code and message, whether the operator's configuration or the store failed, ...), which
 * the step's error record keeps.
 */
public final class ActivityFailedException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  private final transient ActivityError error;

  public ActivityFailedException(ActivityError error) {
    super(error.code(), error.message(), Objects.toString(error.details().get(ActivityError.PROVIDER_CODE), null),
        Objects.toString(error.details().get(ActivityError.PROVIDER_MESSAGE), null), null);
    this.error = error;
  }

  /** The activity's error details, redacted as the activity's error is. */
  public Map<String, Object> details() {
    return error.details();
  }
}
