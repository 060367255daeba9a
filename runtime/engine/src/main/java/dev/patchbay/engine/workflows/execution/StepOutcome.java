package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.workflows.records.ErrorRecord;

/**
 * How running a step ended, before its {@code onError} is applied.
 *
 * @param error why it failed; null unless {@code failed}
 */
record StepOutcome(boolean failed, ErrorRecord error) {

  static final StepOutcome DONE = new StepOutcome(false, null);

  static StepOutcome failed(ErrorRecord error) {
    return new StepOutcome(true, error);
  }
}
