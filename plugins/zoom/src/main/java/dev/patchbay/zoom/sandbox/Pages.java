package dev.patchbay.zoom.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Zoom's cursor pagination. A {@code next_page_token} remembers the listing it belongs to (path and every other query
 * parameter) and the sort key of the last item handed out, so items created or deleted between pages neither repeat
 * nor shift the rest. Tokens expire after 15 minutes; an expired, unknown or foreign token is Zoom's 300 error.
 */
final class Pages {

  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
  static final int DEFAULT_PAGE_SIZE = 30;
  static final int MAX_PAGE_SIZE = 300;

  /** One page of a listing. */
  record Page<T>(List<T> items, String nextPageToken, int pageSize, int totalRecords) {
    int pageCount() {
      return (totalRecords + pageSize - 1) / pageSize;
    }
  }

  private record Cursor(String listing, String lastKey, Instant created) {}

  private final Clock clock;
  private final Ids ids;
  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

  Pages(Clock clock, Ids ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * The page the request asks for.
   *
   * @param sorted the whole listing in order
   * @param key a sort key for each item, unique and ordered as {@code order} says
   */
  <T> Page<T> page(Request request, List<T> sorted, Function<T, String> key, Comparator<String> order) {
    int pageSize = pageSize(request.query("page_size"));
    String listing = listing(request);
    Instant now = clock.instant();
    int start = 0;
    String token = request.query("next_page_token");
    if (token != null && !token.isEmpty()) {
      Cursor cursor = cursors.get(token);
      if (cursor == null || !cursor.listing().equals(listing)
          || !now.isBefore(cursor.created().plus(TOKEN_LIFETIME))) {
        throw ApiError.zoom(400, 300, "The next page token is invalid or expired.");
      }
      while (start < sorted.size() && order.compare(key.apply(sorted.get(start)), cursor.lastKey()) <= 0) {
        start++;
      }
    }
    int end = Math.min(sorted.size(), start + pageSize);
    List<T> items = new ArrayList<>(sorted.subList(start, end));
    String next = "";
    if (end < sorted.size()) {
      cursors.values().removeIf(cursor -> !now.isBefore(cursor.created().plus(TOKEN_LIFETIME)));
      next = ids.token(24);
      cursors.put(next, new Cursor(listing, key.apply(items.get(items.size() - 1)), now));
    }
    return new Page<>(items, next, pageSize, sorted.size());
  }

  /** page_size defaults to 30; above 300 Zoom serves 300. */
  private static int pageSize(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      int size = Integer.parseInt(value);
      if (size < 1) {
        throw ApiError.invalidField("page_size");
      }
      return Math.min(size, MAX_PAGE_SIZE);
    } catch (NumberFormatException e) {
      throw ApiError.invalidField("page_size");
    }
  }

  /** The listing a token belongs to: Zoom wants every other parameter repeated unchanged with the token. */
  private static String listing(Request request) {
    Map<String, String> parameters = new TreeMap<>(request.query());
    parameters.remove("next_page_token");
    return request.path() + "?" + parameters;
  }
}
