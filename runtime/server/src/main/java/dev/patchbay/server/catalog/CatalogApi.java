package dev.patchbay.server.catalog;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    List<Map<String, Object>> list = new ArrayList<>();
    for (CatalogEntry entry : catalog.connectors()) {
      ConnectorDefinition definition = entry.definition();
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", definition.id());
      item.put("name", definition.name());
      item.put("version", definition.version());
      item.put("description", definition.description());
      item.put("operations", definition.operations().size());
      item.put("authTypes", definition.authTypes().stream().map(AuthTypeDefinition::id).toList());
      item.put("plugin", entry.pluginId());
      list.add(item);
    }
    ctx.json(list);
  }

  private void connector(Context ctx) {
    String id = ctx.pathParam("id");
    CatalogEntry entry = catalog.connector(id).orElseThrow(() -> new ApiException(404, ErrorCode.NOT_FOUND.name(),
        "no connector '" + id + "' in the catalog; GET /api/connectors lists them"));
    ctx.json(entry.definition().document());
  }

  private void plugins(Context ctx) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (PluginReport report : catalog.plugins()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", report.fileName());
      item.put("id", report.pluginId());
      item.put("version", report.version());
      item.put("state", report.status().name());
      item.put("connectors", report.connectors());
      item.put("error", report.error());
      list.add(item);
    }
    ctx.json(list);
  }
}
