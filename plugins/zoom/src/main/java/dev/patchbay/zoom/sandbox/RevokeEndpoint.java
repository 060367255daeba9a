package dev.patchbay.zoom.sandbox;

import tools.jackson.databind.node.ObjectNode;

/** {@code POST /oauth/revoke?token=…} with Basic client authentication: ends the token's whole grant. */
final class RevokeEndpoint {

  private final Services services;

  RevokeEndpoint(Services services) {
    this.services = services;
  }

  Response handle(Request request) {
    if (!request.method().equals("POST")) {
      throw ApiError.oauth(405, "invalid_request", "Method not allowed");
    }
    SandboxApp app = ClientAuthentication.authenticate(request);
    String token = request.parameters().get("token");
    if (token == null || token.isEmpty()) {
      throw ApiError.oauth(400, "invalid_request", "Token cannot be empty");
    }
    services.grants().revoke(app, token);
    ObjectNode body = SandboxJson.object();
    body.put("status", "success");
    return Response.json(200, body);
  }
}
