package dev.patchbay.engine.declarative;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.Connector;
import dev.patchbay.api.Sandbox;
import dev.patchbay.api.webhooks.Webhooks;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's connector whose definition also declares operations with an {@code http} block: the plugin's code
 * runs its own operations, the host runs the declared ones. Everything else is the plugin's.
 */
public final class WithDeclaredOperations implements Connector {

  private final Connector plugin;
  private final Map<String, Activity> activities;

  private WithDeclaredOperations(Connector plugin, Map<String, Activity> activities) {
    this.plugin = plugin;
    this.activities = activities;
  }

  /**
   * The plugin's connector, with the definition's declarative operations added when it has any.
   *
   * @param pluginActivities what {@code plugin.activities()} returned at load
   */
  public static Connector of(Connector plugin, Map<String, Activity> pluginActivities,
      ConnectorDefinition definition) {
    Map<String, Activity> declared = DeclarativeConnector.activities(definition);
    if (declared.isEmpty()) {
      return plugin;
    }
    Map<String, Activity> all = new HashMap<>(pluginActivities);
    all.putAll(declared);
    return new WithDeclaredOperations(plugin, Map.copyOf(all));
  }

  @Override
  public String id() {
    return plugin.id();
  }

  @Override
  public Map<String, Activity> activities() {
    return activities;
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return plugin.authHandlers();
  }

  @Override
  public Optional<Sandbox> sandbox() {
    return plugin.sandbox();
  }

  @Override
  public Optional<Webhooks> webhooks() {
    return plugin.webhooks();
  }
}
