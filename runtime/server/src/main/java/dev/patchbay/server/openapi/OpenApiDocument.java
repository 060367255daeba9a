package dev.patchbay.server.openapi;

import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the API, a resource kept beside this class. */
public final class OpenApiDocument {

  /** The resource's name, next to this class. */
  public static final String RESOURCE = "openapi.json";

  private final byte[] document;

  public OpenApiDocument() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the server jar");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void register(Routes routes) {
    routes.get("/api/openapi.json", this::serve);
  }

  private void serve(Context ctx) {
    ctx.contentType("application/json").result(document);
  }
}
