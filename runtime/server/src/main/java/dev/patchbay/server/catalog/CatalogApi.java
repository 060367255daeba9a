package dev.patchbay.server.catalog;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.PluginCallHealth;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.ConnectorSummary;
import dev.patchbay.engine.catalog.PluginRegistry;
import dev.patchbay.engine.plugins.AdmissionPolicy;
import dev.patchbay.engine.plugins.PluginSummary;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The catalog: connectors, their definitions, the plugins that brought them, and which plugins may run. */
public final class CatalogApi {

  private final Catalog catalog;
  private final PluginRegistry plugins;
  private final Function<String, PluginCallHealth> health;

  /** @param health how a plugin's calls fare in this server (quarantine, stuck calls), by plugin id */
  public CatalogApi(PluginRegistry plugins, Function<String, PluginCallHealth> health) {
    this.catalog = plugins.catalog();
    this.plugins = plugins;
    this.health = health;
  }

  public void register(Routes routes) {
    routes.get("/api/connectors", this::connectors);
    routes.get("/api/connectors/{id}", this::connector);
    routes.get("/api/plugins", this::plugins);
    routes.get("/api/plugins/admission", this::admission);
  }

  private void connectors(Context ctx) {
    ctx.json(catalog.connectors().stream().map(ConnectorSummary::of).toList());
  }

  private void connector(Context ctx) {
    String id = ctx.pathParam("id");
    CatalogEntry entry = catalog.connector(id).orElseThrow(() -> new ApiException(404, ErrorCode.NOT_FOUND.name(),
        "no connector '" + id + "' in the catalog; GET /api/connectors lists them"));
    ctx.json(entry.definition().document());
  }

  private void plugins(Context ctx) {
    ctx.json(catalog.plugins().stream().map(report -> report.pluginId() == null ? PluginSummary.of(report)
        : PluginSummary.of(report, health.apply(report.pluginId()))).toList());
  }

  /** The admission policy as it reads now (it is read again for every archive checked). */
  private void admission(Context ctx) {
    AdmissionPolicy policy = plugins.admissionPolicy();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file", policy.file().toString());
    body.put("present", policy.present());
    body.put("allowed", policy.allowed());
    body.put("pins", policy.pins());
    body.put("problems", policy.problems());
    body.put("summary", policy.summary());
    ctx.json(body);
  }
}
