package ${package};

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;
import tools.jackson.databind.JsonNode;

/** Who a new connection acts as: asked of the provider right after connecting. */
final class WhoAmI implements AuthHandler {

  @Override
  public ConnectionIdentity identify(ConnectorHttp http) throws ConnectorException {
    JsonNode me = http.send(ApiRequest.get("/me").build()).body();
    return new ConnectionIdentity(me.path("account_id").asString(), me.path("id").asString(),
        me.path("name").asString(), me.path("email").asString(null));
  }
}
