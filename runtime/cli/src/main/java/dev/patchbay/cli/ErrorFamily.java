package dev.patchbay.cli;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.workflows.records.ErrorRecord;

/**
 * The family of an activity's or a step's failure, as the CLI names it and exits with: the operator's configuration
 * ({@code configuration}, exit 5) and the store ({@code store}, exit 4) outrank the error code, which names every
 * other family.
 *
 * @param label how a message names it: {@code configuration}, {@code store}, or the error code
 */
record ErrorFamily(String label, int exitCode) {

  static ErrorFamily of(ActivityError error) {
    return of(error.code(), Boolean.TRUE.equals(error.details().get(ActivityError.CONFIGURATION)),
        Boolean.TRUE.equals(error.details().get(ActivityError.STORE)));
  }

  static ErrorFamily of(ErrorRecord error) {
    return of(error.code(), error.configuration(), error.store());
  }

  private static ErrorFamily of(ErrorCode code, boolean configuration, boolean store) {
    if (configuration) {
      return new ErrorFamily("configuration", ExitCode.CONFIGURATION);
    }
    if (store) {
      return new ErrorFamily("store", ExitCode.STORE);
    }
    return new ErrorFamily(code.name(), ExitCode.of(code));
  }
}
