package dev.patchbay.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Where the features add their routes; listed, so the OpenAPI document can be checked against what is served. */
public final class Routes {

  /** One route: {@code GET /api/connectors/{id}}. */
  public record Route(String method, String path) {}

  private final RoutesConfig config;
  private final List<Route> routes = new ArrayList<>();

  public Routes(RoutesConfig config) {
    this.config = config;
  }

  public void get(String path, Handler handler) {
    routes.add(new Route("GET", path));
    config.get(path, handler);
  }

  public void post(String path, Handler handler) {
    routes.add(new Route("POST", path));
    config.post(path, handler);
  }

  public void put(String path, Handler handler) {
    routes.add(new Route("PUT", path));
    config.put(path, handler);
  }

  public void delete(String path, Handler handler) {
    routes.add(new Route("DELETE", path));
    config.delete(path, handler);
  }

  public List<Route> list() {
    return List.copyOf(routes);
  }
}
