package dev.patchbay.server.health;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.PluginStatus;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /healthz}: no token needed; says the server is up, its version and how many plugins are active. */
public final class HealthApi {

  private final PatchbayRuntime runtime;

  public HealthApi(PatchbayRuntime runtime) {
    this.runtime = runtime;
  }

  public void register(Routes routes) {
    routes.get("/healthz", this::health);
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("version", PatchbayRuntime.version());
    body.put("plugins", runtime.catalog().plugins().stream()
        .filter(report -> report.status() == PluginStatus.ACTIVE).count());
    ctx.json(body);
  }
}
