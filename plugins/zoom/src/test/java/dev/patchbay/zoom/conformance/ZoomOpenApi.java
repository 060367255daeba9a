package dev.patchbay.zoom.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoom's official OpenAPI documents (the API hub JSON developers.zoom.us renders): the Meetings document (meetings,
 * cloud recordings) and the Users document, as one list of operations.
 */
public final class ZoomOpenApi {

  public static final String MEETINGS = "zoom-meeting-open-api-spec.json";
  public static final String USERS = "zoom-users-open-api-spec.json";

  /** What a request to Zoom must conform to: both documents. */
  public static final List<String> DOCUMENTS = List.of(MEETINGS, USERS);

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final List<ApiOperation> operations;

  private ZoomOpenApi(List<ApiOperation> operations) {
    this.operations = List.copyOf(operations);
  }

  /** Why the documents cannot be loaded from {@code directory} (the first one missing), or null when they can. */
  public static String whyAbsent(Path directory) {
    for (String file : DOCUMENTS) {
      if (!Files.isRegularFile(directory.resolve(file))) {
        return "Zoom's OpenAPI document " + file + " is not in " + directory.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  public static ZoomOpenApi load(Path directory) {
    List<ApiOperation> operations = new ArrayList<>();
    for (String file : DOCUMENTS) {
      JsonNode root = MAPPER.readTree(directory.resolve(file));
      for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
        JsonNode pathItem = Schemas.resolveRef(root, path.getValue());
        for (Map.Entry<String, JsonNode> entry : pathItem.properties()) {
          if (METHODS.contains(entry.getKey())) {
            operations.add(new ApiOperation(file, root, path.getKey(), entry.getKey().toUpperCase(Locale.ROOT),
                pathItem, entry.getValue()));
          }
        }
      }
    }
    if (operations.isEmpty()) {
      throw new AssertionError("no operations in Zoom's OpenAPI documents in " + directory.toAbsolutePath());
    }
    return new ZoomOpenApi(operations);
  }

  public List<ApiOperation> operations() {
    return operations;
  }
}
