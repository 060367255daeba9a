package dev.patchbay.zoom.sandbox;

import tools.jackson.databind.node.ObjectNode;

/** {@code GET /users/{userId}}, including {@code /users/me}. */
final class UsersApi {

  Response get(ApiCall call) {
    ObjectNode user = call.user(0);
    call.requireAccessTo(user);
    return Response.json(200, Users.render(user, call.services().origin()));
  }
}
