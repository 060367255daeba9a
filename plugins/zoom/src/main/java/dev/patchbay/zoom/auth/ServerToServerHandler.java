package dev.patchbay.zoom.auth;

import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code server-to-server}: Zoom's own grant, which names the account instead of a user sign-in. */
public final class ServerToServerHandler implements AuthHandler {

  @Override
  public Map<String, String> tokenRequestParameters(Map<String, String> publicFields) {
    String accountId = publicFields.get("accountId");
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException(
          "Server-to-Server OAuth needs the Zoom account ID (field accountId), shown on the app's App Credentials page");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("grant_type", "account_credentials");
    parameters.put("account_id", accountId.strip());
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public ConnectionIdentity identify(ConnectorHttp http) throws ConnectorException {
    return ZoomIdentity.of(http);
  }
}
