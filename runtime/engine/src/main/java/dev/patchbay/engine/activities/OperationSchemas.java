package dev.patchbay.engine.activities;

import dev.patchbay.engine.definitions.OperationDefinition;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The compiled input and output schemas of every operation run so far; compiling costs far more than validating. */
final class OperationSchemas {

  /** The compiled schemas, and the definition they were compiled from. */
  private record Compiled(OperationDefinition source, CompiledOperation operation) {}

  /** By connector, then operation: found without building the operation's full name on every call. */
  private final ConcurrentMap<String, ConcurrentMap<String, Compiled>> compiled = new ConcurrentHashMap<>();

  /** @param operation the definition of {@code connectorId}'s operation {@code operationId} */
  CompiledOperation of(String connectorId, String operationId, OperationDefinition operation)
      throws ActivityException {
    ConcurrentMap<String, Compiled> ofConnector = compiled.computeIfAbsent(connectorId,
        connector -> new ConcurrentHashMap<>());
    Compiled known = ofConnector.get(operationId);
    // A replaced plugin brings new definition objects: schemas compiled from the old one must not be used for it.
    if (known != null && known.source() == operation) {
      return known.operation();
    }
    // Two threads may compile the same operation at first; both results are equal, the last one is kept.
    CompiledOperation fresh = CompiledOperation.compile(connectorId + "/" + operationId, operation);
    ofConnector.put(operationId, new Compiled(operation, fresh));
    return fresh;
  }
}
