package dev.patchbay.zoom.auth;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;
import dev.patchbay.api.ErrorCode;
import tools.jackson.databind.JsonNode;

/** Who a Zoom connection acts as: the same question for every auth type, answered by {@code GET /users/me}. */
final class ZoomIdentity {

  private ZoomIdentity() {}

  static ConnectionIdentity of(ConnectorHttp http) throws ConnectorException {
    JsonNode me = http.send(ApiRequest.get("/users/me").build()).body();
    String accountId = text(me, "account_id");
    String userId = text(me, "id");
    if (accountId == null || userId == null) {
      // Without both, a connection cannot be told apart from another one or matched to webhook events.
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "Zoom's /users/me answer has no account_id or id");
    }
    String email = text(me, "email");
    return new ConnectionIdentity(accountId, userId, displayName(me, email, userId), email);
  }

  private static String displayName(JsonNode me, String email, String userId) {
    String displayName = text(me, "display_name");
    if (displayName != null) {
      return displayName;
    }
    String fullName = (me.path("first_name").asString("") + " " + me.path("last_name").asString("")).strip();
    if (!fullName.isEmpty()) {
      return fullName;
    }
    return email != null ? email : userId;
  }

  private static String text(JsonNode node, String name) {
    String value = node.path(name).asString("").strip();
    return value.isEmpty() ? null : value;
  }
}
