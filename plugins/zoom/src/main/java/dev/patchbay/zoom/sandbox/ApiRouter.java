package dev.patchbay.zoom.sandbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The REST API under /v2: finds the endpoint, then does what Zoom does before any endpoint logic, in Zoom's order:
 * the bearer token (401, code 124), the account's per-second rate limit (429), the scope check (400, code 4711). Every
 * answer after the rate-limit step carries the X-RateLimit headers.
 */
final class ApiRouter {

  private final Services services;
  private final Map<ZoomEndpoint, Function<ApiCall, Response>> handlers = new EnumMap<>(ZoomEndpoint.class);

  ApiRouter(Services services) {
    this.services = services;
    UsersApi users = new UsersApi();
    MeetingsApi meetings = new MeetingsApi();
    RecordingsApi recordings = new RecordingsApi();
    handlers.put(ZoomEndpoint.GET_USER, users::get);
    handlers.put(ZoomEndpoint.CREATE_MEETING, meetings::create);
    handlers.put(ZoomEndpoint.LIST_MEETINGS, meetings::list);
    handlers.put(ZoomEndpoint.GET_MEETING, meetings::get);
    handlers.put(ZoomEndpoint.UPDATE_MEETING, meetings::update);
    handlers.put(ZoomEndpoint.DELETE_MEETING, meetings::delete);
    handlers.put(ZoomEndpoint.UPDATE_MEETING_STATUS, meetings::status);
    handlers.put(ZoomEndpoint.LIST_RECORDINGS, recordings::list);
    handlers.put(ZoomEndpoint.GET_RECORDINGS, recordings::get);
    handlers.put(ZoomEndpoint.DELETE_RECORDINGS, recordings::deleteAll);
    handlers.put(ZoomEndpoint.DELETE_RECORDING_FILE, recordings::deleteFile);
  }

  /** @param segments the path segments below /v2 */
  Response handle(Request request, List<String> segments) {
    ZoomEndpoint endpoint = null;
    List<String> parameters = null;
    boolean otherMethod = false;
    for (ZoomEndpoint candidate : ZoomEndpoint.values()) {
      List<String> match = candidate.match(segments);
      if (match != null) {
        if (candidate.method().equals(request.method())) {
          endpoint = candidate;
          parameters = match;
          break;
        }
        otherMethod = true;
      }
    }
    if (endpoint == null) {
      throw otherMethod
          ? ApiError.zoom(405, 405, "Method not allowed.")
          : ApiError.zoom(404, 404, "The requested resource does not exist.");
    }
    Caller caller = services.grants().authenticate(bearerToken(request));
    Map<String, String> rateLimitHeaders = services.rateLimits().acquire(endpoint.category());
    Response response;
    try {
      ApiCall call = new ApiCall(request, caller, endpoint, parameters, services);
      caller.requireAny(call.scopes());
      response = handlers.get(endpoint).apply(call);
    } catch (ApiError e) {
      response = e.toResponse();
    }
    for (Map.Entry<String, String> header : rateLimitHeaders.entrySet()) {
      if (response.header(header.getKey()) == null) {
        response.header(header.getKey(), header.getValue());
      }
    }
    return response;
  }

  /**
   * The token of an {@code Authorization: Bearer} header. Since February 2023 Zoom accepts tokens only there: one in
   * the access_token query parameter is refused like an invalid one.
   */
  static String bearerToken(Request request) {
    String authorization = request.header("Authorization");
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      String token = authorization.substring("bearer ".length()).strip();
      if (!token.isEmpty()) {
        return token;
      }
    }
    if (authorization == null && request.query("access_token") == null) {
      throw ApiError.zoom(401, 124, "Requires an access token.");
    }
    throw ApiError.zoom(401, 124, "Invalid access token.");
  }
}
