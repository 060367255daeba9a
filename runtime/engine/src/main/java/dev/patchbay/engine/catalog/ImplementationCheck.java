package dev.patchbay.engine.catalog;

import dev.patchbay.api.Connector;
import dev.patchbay.engine.definitions.DefinitionOutline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks at load, not at first use, that a definition and its implementation agree: every operation without an
 * {@code http} block and every auth type has an implementation, every implementation is declared, and no operation
 * is both declared as HTTP and implemented in code.
 */
final class ImplementationCheck {

  private ImplementationCheck() {}

  /** @return the plugin's activities, as checked */
  static Map<String, ?> verify(DefinitionOutline definition, Connector connector, String source)
      throws RejectedConnectorException {
    String implementation = connector.getClass().getName();
    Map<String, ?> activities = CatalogLoader.call(implementation + ".activities()", connector::activities);
    Map<String, ?> authHandlers = CatalogLoader.call(implementation + ".authHandlers()", connector::authHandlers);
    List<String> mismatches = new ArrayList<>();
    Map<String, Object> coded = activities == null ? Map.of() : new java.util.HashMap<>(activities);
    for (DefinitionOutline.Operation operation : definition.operations()) {
      if (operation.declarative() && coded.remove(operation.id()) != null) {
        mismatches.add("operation '" + operation.id() + "' has an http block in " + source + ", so the host runs "
            + "it, but " + implementation + ".activities() implements it too; remove one of them");
      }
    }
    compare("operation", definition.operations().stream().filter(operation -> !operation.declarative())
        .map(DefinitionOutline.Operation::id).toList(), coded, implementation + ".activities()", source, mismatches);
    compare("auth type", definition.authTypeIds(),
        authHandlers, implementation + ".authHandlers()", source, mismatches);
    Optional<?> webhooks = CatalogLoader.call(implementation + ".webhooks()", connector::webhooks);
    if (definition.receivesWebhooks() && (webhooks == null || webhooks.isEmpty())) {
      mismatches.add(source + " declares webhook events, but " + implementation + ".webhooks() receives none");
    } else if (!definition.receivesWebhooks() && webhooks != null && webhooks.isPresent()) {
      mismatches.add(implementation + ".webhooks() receives webhooks, but " + source + " declares no webhook "
          + "events");
    }
    if (!mismatches.isEmpty()) {
      throw new RejectedConnectorException(
          "definition and implementation disagree: " + String.join("; ", mismatches));
    }
    return activities;
  }

  private static void compare(String what, List<String> declared, Map<String, ?> implemented,
      String implementationSide, String definitionSide, List<String> mismatches) {
    Set<String> missing = new TreeSet<>(declared);
    Set<String> implementedIds = implemented == null ? Set.of() : implemented.keySet();
    missing.removeAll(implementedIds);
    for (String id : missing) {
      mismatches.add(what + " '" + id + "' is declared in " + definitionSide + " but " + implementationSide
          + " has no implementation for it");
    }
    Set<String> undeclared = new TreeSet<>(implementedIds);
    undeclared.removeAll(declared);
    for (String id : undeclared) {
      mismatches.add(what + " '" + id + "' is implemented in " + implementationSide + " but not declared in "
          + definitionSide);
    }
    if (implemented != null) {
      implemented.forEach((id, value) -> {
        if (value == null) {
          mismatches.add(implementationSide + " maps " + what + " '" + id + "' to null");
        }
      });
    }
  }
}
