package dev.patchbay.engine.activities;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.store.StoreOutageException;
import dev.patchbay.engine.store.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link ActivityError} details any {@link ConnectorException} carries: what the provider said, whether the
 * operator's configuration or the store failed (said by the exception or by the one it wraps), and whether the store
 * could not be used at all, so that nothing was sent (a {@link StoreOutageException} anywhere among its causes).
 */
public final class FailureDetails {

  private FailureDetails() {}

  /** The details, unredacted: the caller redacts what it shows. */
  public static Map<String, Object> of(ConnectorException failure) {
    Map<String, Object> details = new LinkedHashMap<>();
    failure.providerCode().ifPresent(code -> details.put(ActivityError.PROVIDER_CODE, code));
    failure.providerMessage().ifPresent(message -> details.put(ActivityError.PROVIDER_MESSAGE, message));
    if (failure instanceof ConfigurationException || failure.getCause() instanceof ConfigurationException) {
      details.put(ActivityError.CONFIGURATION, true);
    }
    if (failure instanceof StoreUnavailableException || failure.getCause() instanceof StoreUnavailableException) {
      details.put(ActivityError.STORE, true);
    }
    if (storeOutage(failure)) {
      details.put(ActivityError.STORE_OUTAGE, true);
    }
    return details;
  }

  /**
   * The failure's family, as the CLI names it and a run record's error does ({@code ErrorRecord.family()}): {@code
   * configuration}, {@code store}, or the error code.
   */
  public static String family(ConnectorException failure) {
    Map<String, Object> details = of(failure);
    return ActivityError.family(failure.code(), details.containsKey(ActivityError.CONFIGURATION),
        details.containsKey(ActivityError.STORE));
  }

  private static boolean storeOutage(Throwable failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof StoreOutageException) {
        return true;
      }
    }
    return false;
  }
}
