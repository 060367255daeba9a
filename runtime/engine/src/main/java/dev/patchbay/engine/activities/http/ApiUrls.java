package dev.patchbay.engine.activities.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * The runner's parsed URLs of requests without path parameters, by base URL and path: most requests of a process are
 * the same few paths against the same few base URLs, and parsing the URL cost more than building the rest of the
 * request. A path with parameters is parsed each time (its values differ), as is any path once {@link #MAX_KEPT}
 * URLs are kept.
 */
public final class ApiUrls {

  static final int MAX_KEPT = 1024;

  private final Map<String, Map<String, HttpUrl>> byBaseUrl = new ConcurrentHashMap<>();

  /** {@code baseUrl + path}, or null when that is no http(s) URL. */
  HttpUrl of(String baseUrl, String path, boolean fixedPath) {
    if (!fixedPath) {
      return HttpUrl.parse(baseUrl + path);
    }
    Map<String, HttpUrl> paths = byBaseUrl.computeIfAbsent(baseUrl, base -> new ConcurrentHashMap<>());
    HttpUrl known = paths.get(path);
    if (known != null) {
      return known;
    }
    HttpUrl parsed = HttpUrl.parse(baseUrl + path);
    if (parsed != null && paths.size() < MAX_KEPT) {
      paths.put(path, parsed);
    }
    return parsed;
  }
}
