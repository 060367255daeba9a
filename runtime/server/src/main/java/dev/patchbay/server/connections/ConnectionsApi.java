package dev.patchbay.server.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connections: list, show, test, and remove (revoking at the provider). Secrets never leave the runtime. */
public final class ConnectionsApi {

  private final PatchbayRuntime runtime;

  public ConnectionsApi(PatchbayRuntime runtime) {
    this.runtime = runtime;
  }

  public void register(Routes routes) {
    routes.get("/api/connections", this::list);
    routes.get("/api/connections/{name}", this::show);
    routes.delete("/api/connections/{name}", this::remove);
    routes.post("/api/connections/{name}/test", this::test);
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
      ctx.json(ConnectionView.of(runtime.connections().get(ctx.pathParam("name"))));
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
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
