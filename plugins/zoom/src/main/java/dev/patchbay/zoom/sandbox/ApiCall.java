package dev.patchbay.zoom.sandbox;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** One authenticated, rate-counted call of a REST endpoint, as its handler sees it. */
record ApiCall(Request request, Caller caller, ZoomEndpoint endpoint, List<String> parameters, Services services) {

  String parameter(int index) {
    return parameters.get(index);
  }

  /** The scopes that authorize this call. */
  List<String> scopes() {
    return endpoint.scopes(parameters);
  }

  /** The user a {userId} path parameter names ("me", an id or an email), or Zoom's 1001 error. */
  ObjectNode user(int index) {
    String reference = parameter(index);
    ObjectNode user = services.state().user("me".equals(reference) ? caller.userId() : reference);
    if (user == null) {
      throw ApiError.zoom(404, 1001, "User does not exist: " + reference + ".");
    }
    return user;
  }

  /** The host of a stored meeting or recording. */
  ObjectNode host(String hostId) {
    ObjectNode host = services.state().user(hostId);
    if (host == null) {
      throw ApiError.zoom(404, 1001, "User does not exist: " + hostId + ".");
    }
    return host;
  }

  /** Checks the caller may act on the user's resources (see {@link Caller#requireAccessTo}). */
  void requireAccessTo(ObjectNode user) {
    caller.requireAccessTo(user, scopes());
  }
}
