package dev.patchbay.server.catalog;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.ConnectorSummary;
import dev.patchbay.engine.plugins.PluginSummary;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.List;

/** The catalog: connectors, their definitions, and the plugins that brought them. */
public final class CatalogApi {

  private final Catalog catalog;

  public CatalogApi(Catalog catalog) {
    this.catalog = catalog;
  }

  public void register(Routes routes) {
    routes.get("/api/connectors", this::connectors);
    routes.get("/api/connectors/{id}", this::connector);
    routes.get("/api/plugins", this::plugins);
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
    ctx.json(catalog.plugins().stream().map(PluginSummary::of).toList());
  }
}
