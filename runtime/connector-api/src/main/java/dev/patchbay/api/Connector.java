package dev.patchbay.api;

import dev.patchbay.api.webhooks.Webhooks;
import java.util.Map;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A connector implementation: the code behind one connector definition.
 *
 * <p>Mark the implementing class with {@code @org.pf4j.Extension} so PF4J's annotation processor lists it in the
 * plugin's extension index.
 */
public interface Connector extends ExtensionPoint {

  /** The connector id; the plugin must carry its definition as {@code connectors/<id>.json}. */
  String id();

  /** Implementation of every operation of the definition, by operation id ({@code meetings.create}). */
  Map<String, Activity> activities();

  /** Provider specifics of every auth type of the definition, by auth type id. */
  Map<String, AuthHandler> authHandlers();

  /** A local emulator of the service, when the connector ships one. */
  default Optional<Sandbox> sandbox() {
    return Optional.empty();
  }

  /** How the provider's webhooks are verified and read, when the connector receives them. */
  default Optional<Webhooks> webhooks() {
    return Optional.empty();
  }
}
