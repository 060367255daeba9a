package ${package};

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.Connector;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The ${connectorId} connector: the code behind src/main/resources/connectors/${connectorId}.json. Every operation of
 * the definition has an activity here and every auth type a handler; the runtime refuses the plugin otherwise.
 */
@Extension
public class SampleConnector implements Connector {

  @Override
  public String id() {
    return "${connectorId}";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of("items.get", new GetItem());
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    AuthHandler whoAmI = new WhoAmI();
    return Map.of("oauth", whoAmI, "client-credentials", whoAmI);
  }
}
