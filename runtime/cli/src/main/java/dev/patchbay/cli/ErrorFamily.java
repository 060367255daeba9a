package dev.patchbay.cli;

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
    return of(ErrorRecord.of(error));
  }

  static ErrorFamily of(ErrorRecord error) {
    return new ErrorFamily(error.family(), error.configuration() ? ExitCode.CONFIGURATION
        : error.store() ? ExitCode.STORE : ExitCode.of(error.code()));
  }
}
