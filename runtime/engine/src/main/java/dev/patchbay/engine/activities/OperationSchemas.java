package dev.patchbay.engine.activities;

import dev.patchbay.engine.definitions.OperationDefinition;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The compiled input and output schemas of every operation run so far; compiling costs far more than validating. */
final class OperationSchemas {

  private final ConcurrentMap<String, CompiledOperation> compiled = new ConcurrentHashMap<>();

  CompiledOperation of(String connectorId, OperationDefinition operation) throws ActivityException {
    String name = connectorId + "/" + operation.id();
    CompiledOperation known = compiled.get(name);
    if (known != null) {
      return known;
    }
    // Two threads may compile the same operation at first; both results are equal, one is kept.
    CompiledOperation fresh = CompiledOperation.compile(name, operation);
    CompiledOperation raced = compiled.putIfAbsent(name, fresh);
    return raced != null ? raced : fresh;
  }
}
