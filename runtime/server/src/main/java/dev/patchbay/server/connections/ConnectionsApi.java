package dev.patchbay.server.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.JsonBodies;
import dev.patchbay.server.signin.Connecting;
import dev.patchbay.server.signin.SignIn;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Connections: create (at once, or through a sign-in the user finishes in a browser), list, show, test,
 * reauthorize, and remove (revoking at the provider). Secret fields are write-only: no answer carries them.
 */
public final class ConnectionsApi {

  private static final Set<String> CREATE_MEMBERS = Set.of("connector", "authType", "name", "fields");

  private final PatchbayRuntime runtime;
  private final JsonBodies bodies;
  private final Connecting connecting;

  public ConnectionsApi(PatchbayRuntime runtime, JsonBodies bodies, Connecting connecting) {
    this.runtime = runtime;
    this.bodies = bodies;
    this.connecting = connecting;
  }

  public void register(Routes routes) {
    routes.post("/api/connections", this::create);
    routes.post("/api/connections/{name}/reauthorize", this::reauthorize);
    routes.get("/api/sign-ins/{id}", this::signIn);
    routes.get("/api/connections", this::list);
    routes.get("/api/connections/{name}", this::show);
    routes.delete("/api/connections/{name}", this::remove);
    routes.post("/api/connections/{name}/test", this::test);
    routes.put("/api/connections/{name}/rate-limits", this::setRateLimits);
  }

  private void create(Context ctx) throws InterruptedException {
    ObjectNode body = bodies.object(ctx);
    for (String member : body.propertyNames()) {
      if (!CREATE_MEMBERS.contains(member)) {
        throw JsonBodies.invalid("unknown member '" + member + "'; a connection is created with " + new TreeSet<>(
            CREATE_MEMBERS));
      }
    }
    String connector = required(body, "connector", "the connector's id (GET /api/connectors lists them)");
    String authType = required(body, "authType", "one of the connector's auth types (GET /api/connectors/"
        + connector + " lists them)");
    String name = required(body, "name", "your name for the connection");
    Map<String, String> fields = new LinkedHashMap<>();
    ObjectNode given = JsonBodies.optionalObject(body, "fields");
    if (given != null) {
      for (Map.Entry<String, JsonNode> field : given.properties()) {
        if (!field.getValue().isString()) {
          throw JsonBodies.invalid("field '" + field.getKey() + "' must be a string");
        }
        fields.put(field.getKey(), field.getValue().stringValue());
      }
    }
    try {
      answer(ctx, connecting.add(connector, authType, name, fields, false), 201);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  private void reauthorize(Context ctx) throws InterruptedException {
    try {
      answer(ctx, connecting.reauthorize(ctx.pathParam("name"), false), 200);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  /** The connection made at once; or 202 with the sign-in page the user must open, and where to poll. */
  private void answer(Context ctx, Connecting.Started started, int status) {
    if (started.signIn() == null) {
      ctx.status(status).json(ConnectionView.of(started.connection()));
      return;
    }
    ctx.status(202).json(signInView(started.signIn()));
  }

  private void signIn(Context ctx) {
    SignIn signIn = connecting.signIns().find(ctx.pathParam("id")).orElseThrow(() -> new ApiException(404,
        ErrorCode.NOT_FOUND.name(), "no sign-in '" + ctx.pathParam("id") + "': it never existed, or ended more "
            + "than 10 minutes ago"));
    ctx.json(signInView(signIn));
  }

  private Map<String, Object> signInView(SignIn signIn) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("signIn", signIn.id());
    view.put("status", signIn.status().name());
    view.put("connection", signIn.pending().connectionName());
    view.put("connector", signIn.pending().connectorId());
    view.put("expiresAt", signIn.pending().expiresAt().toString());
    switch (signIn.status()) {
      case PENDING -> {
        view.put("authorizeUrl", connecting.startUrl(signIn));
        view.put("redirectUri", connecting.redirectUri(signIn.pending().connectorId()));
      }
      case CONNECTED -> {
        view.put("result", ConnectionView.of(signIn.connection()));
        view.put("superseded", signIn.superseded());
        view.put("outcome", signIn.outcome());
      }
      case FAILED -> view.put("error", ApiErrors.of(signIn.error()).body());
    }
    return view;
  }

  private static String required(ObjectNode body, String member, String what) {
    String value = JsonBodies.optionalString(body, member);
    if (value == null || value.isBlank()) {
      throw JsonBodies.invalid("'" + member + "' is required: " + what);
    }
    return value;
  }

  private void list(Context ctx) {
    try {
      ConnectionStore.Listing listing = runtime.connections().list();
      List<Map<String, Object>> connections = listing.connections().stream()
          .map(stored -> ConnectionView.of(stored.connection())).toList();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("connections", connections);
      body.put("problems", listing.problems());
      ctx.json(body);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  private void show(Context ctx) {
    try {
      ctx.json(withRateLimits(runtime.connections().get(ctx.pathParam("name"))));
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  /**
   * Replaces the connection's own rate limits with the body's, an object of category to {@code REQUESTS/UNIT}
   * ({@code {"light": "80/s"}}; {@code {}}: the connector's limits again). Every value and category is checked
   * before anything is written.
   */
  private void setRateLimits(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    Map<String, RateLimit> limits = new TreeMap<>();
    for (Map.Entry<String, JsonNode> limit : body.properties()) {
      if (!limit.getValue().isString()) {
        throw JsonBodies.invalid("rate limit '" + limit.getKey() + "' must be a string such as \"80/s\"");
      }
      try {
        limits.put(limit.getKey(), RateLimit.parse(limit.getValue().stringValue()));
      } catch (IllegalArgumentException e) {
        throw JsonBodies.invalid("rate limit '" + limit.getKey() + "': " + e.getMessage() + "; nothing was changed");
      }
    }
    try {
      ctx.json(withRateLimits(runtime.connections().setRateLimits(ctx.pathParam("name"), limits)));
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  /** The connection with the limit each category keeps to ({@code "80/s"}, {@code "30/s (default)"}). */
  private Map<String, Object> withRateLimits(dev.patchbay.engine.connections.Connection connection) {
    Map<String, Object> view = ConnectionView.of(connection);
    view.put("rateLimits", runtime.rateLimits(connection));
    return view;
  }

  private void remove(Context ctx) {
    String name = ctx.pathParam("name");
    try {
      String revocation = runtime.connections().remove(name);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("removed", true);
      body.put("revocation", revocation);
      ctx.json(body);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  private void test(Context ctx) {
    String name = ctx.pathParam("name");
    try {
      ConnectionIdentity identity = runtime.connections().test(name);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("ok", true);
      body.put("identity", ConnectionView.identity(identity));
      ctx.json(body);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }
}
