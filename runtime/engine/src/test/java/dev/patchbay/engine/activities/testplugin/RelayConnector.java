package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import java.util.List;
import java.util.Map;

/**
 * A test connector matching activities/relay.json: its activities pass requests through to whatever server the
 * connection points at, so tests script the provider's answers and see exactly what the runner sent.
 */
public class RelayConnector implements Connector {

  /** Every class of the plugin besides this one, for the plugin zip. */
  public static final List<Class<?>> ACTIVITY_CLASSES = List.of(
      GetThing.class, CreateThing.class, DeleteThing.class, ListThings.class, DownloadFile.class, RaiseFault.class);

  @Override
  public String id() {
    return "relay";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of(
        "things.get", new GetThing(),
        "things.create", new CreateThing(),
        "things.delete", new DeleteThing(),
        "things.list", new ListThings(),
        "files.download", new DownloadFile(),
        "faults.raise", new RaiseFault());
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    return Map.of("token", http -> new ConnectionIdentity("account", "user", "Relay User", null));
  }
}
