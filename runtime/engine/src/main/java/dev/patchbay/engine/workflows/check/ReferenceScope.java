package dev.patchbay.engine.workflows.check;

/**
 * What the expressions at one place of a workflow may read.
 *
 * @param stepsBefore steps with an index below this one are readable
 * @param inputs whether {@code inputs} is readable
 * @param item whether {@code item} and {@code itemIndex} are bound
 */
record ReferenceScope(int stepsBefore, boolean inputs, boolean item) {

  /** An input's default: only {@code env} and functions, since inputs are not resolved yet. */
  static ReferenceScope inputDefault() {
    return new ReferenceScope(0, false, false);
  }

  /** A step's {@code input} or {@code when}, or its {@code forEach} (where {@code item} is not bound yet). */
  static ReferenceScope step(int index, boolean item) {
    return new ReferenceScope(index, true, item);
  }

  /** The workflow's outputs: every step. */
  static ReferenceScope outputs(int stepCount) {
    return new ReferenceScope(stepCount, true, false);
  }
}
