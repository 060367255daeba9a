package dev.patchbay.zoom.conformance;

import dev.patchbay.zoom.testing.RecordingHttp;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A request the plugin sent to Zoom's API, as {@link RecordingHttp} recorded it.
 *
 * @param method e.g. {@code GET}
 * @param path the expanded path, percent-encoded as it goes on the wire, relative to Zoom's {@code /v2}
 * @param query the query parameters, not encoded (the host encodes them)
 * @param body the JSON body, or null for none
 * @param firstPage whether it is the first page of a listing the host paginates (adding {@code next_page_token})
 */
public record RecordedRequest(String method, String path, Map<String, String> query, JsonNode body,
    boolean firstPage) {

  /** The call as a request to Zoom's API; empty for a download, which goes to a file's download_url instead. */
  public static Optional<RecordedRequest> of(RecordingHttp.Call call) {
    if (call instanceof RecordingHttp.Send send) {
      return Optional.of(new RecordedRequest(send.method(), send.path(), send.query(), send.body(), false));
    }
    if (call instanceof RecordingHttp.Paginate page) {
      return Optional.of(new RecordedRequest(page.method(), page.path(), page.query(), null, true));
    }
    return Optional.empty();
  }

  /** Method, path and query, e.g. {@code GET /users/me/meetings?page_size=300}. */
  @Override
  public String toString() {
    String queryText = query.isEmpty() ? "" : query.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining("&", "?", ""));
    return method + " " + path + queryText + (firstPage ? " (first page)" : "");
  }
}
