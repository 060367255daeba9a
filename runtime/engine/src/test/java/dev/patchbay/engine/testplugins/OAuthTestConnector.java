package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import java.util.Map;

/** The connector of definitions/oauthtest.json; its server-to-server grant is Zoom's account_credentials. */
public class OAuthTestConnector implements Connector {

  @Override
  public String id() {
    return "oauthtest";
  }

  @Override
  public Map<String, Activity> activities() {
    return Map.of("users.me", context -> context.input());
  }

  @Override
  public Map<String, AuthHandler> authHandlers() {
    AuthHandler user = http -> new ConnectionIdentity("unused", "unused", "unused", null);
    AuthHandler serverToServer = new AuthHandler() {
      @Override
      public Map<String, String> tokenRequestParameters(Map<String, String> publicFields) {
        return Map.of("grant_type", "account_credentials", "account_id", publicFields.get("accountId"));
      }

      @Override
      public ConnectionIdentity identify(dev.patchbay.api.ConnectorHttp http) {
        return new ConnectionIdentity("unused", "unused", "unused", null);
      }
    };
    return Map.of("oauth", user, "byo-oauth", user, "server-to-server", serverToServer);
  }
}
