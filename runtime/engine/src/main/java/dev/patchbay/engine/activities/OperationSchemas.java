package dev.patchbay.engine.activities;

import dev.patchbay.engine.definitions.OperationDefinition;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The compiled input and output schemas of every operation run so far; compiling costs far more than validating. */
final class OperationSchemas {

  /** The compiled schemas, and the definition they were compiled from. */
  private record Compiled(OperationDefinition source, CompiledOperation operation) {}

  private final ConcurrentMap<String, Compiled> compiled = new ConcurrentHashMap<>();

  /** @param name the operation's full name, {@code zoom/meetings.create} */
  CompiledOperation of(String name, OperationDefinition operation) throws ActivityException {
    Compiled known = compiled.get(name);
    // A replaced plugin brings new definition objects: schemas compiled from the old one must not be used for it.
    if (known != null && known.source() == operation) {
      return known.operation();
    }
    // Two threads may compile the same operation at first; both results are equal, the last one is kept.
    CompiledOperation fresh = CompiledOperation.compile(name, operation);
    compiled.put(name, new Compiled(operation, fresh));
    return fresh;
  }
}
