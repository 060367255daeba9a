package dev.patchbay.zoom.sandbox;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /oauth/token}: the authorization_code, refresh_token and account_credentials grants, with HTTP Basic
 * client authentication and parameters in the form body or the query (Zoom accepts both).
 */
final class TokenEndpoint {

  private final Services services;

  TokenEndpoint(Services services) {
    this.services = services;
  }

  Response handle(Request request) {
    if (!request.method().equals("POST")) {
      throw ApiError.oauth(405, "invalid_request", "Method not allowed");
    }
    Map<String, String> parameters = request.parameters();
    String grantType = parameters.get("grant_type");
    services.requestLog().tokenRequest(grantType);
    SandboxApp app = ClientAuthentication.authenticate(request);
    Grants.Tokens tokens;
    if ("authorization_code".equals(grantType) && !app.accountLevel()) {
      tokens = services.grants().redeemCode(app, parameters.get("code"), parameters.get("redirect_uri"),
          parameters.get("code_verifier"));
    } else if ("refresh_token".equals(grantType) && !app.accountLevel()) {
      tokens = services.grants().refresh(app, parameters.get("refresh_token"));
    } else if ("account_credentials".equals(grantType) && app.accountLevel()) {
      tokens = services.grants().accountCredentials(app, parameters.get("account_id"));
    } else {
      throw ApiError.oauth(400, "unsupported_grant_type", "Unsupported grant type");
    }
    ObjectNode body = SandboxJson.object();
    body.put("access_token", tokens.accessToken());
    body.put("token_type", "bearer");
    if (tokens.refreshToken() != null) {
      body.put("refresh_token", tokens.refreshToken());
    }
    body.put("expires_in", tokens.expiresIn().toSeconds());
    body.put("scope", String.join(" ", tokens.scopes()));
    body.put("api_url", services.origin());
    return Response.json(200, body).header("Cache-Control", "no-store").header("Pragma", "no-cache");
  }
}
