package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.PagedResult;
import dev.patchbay.engine.definitions.PaginationDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Follows an operation's pagination as its definition declares it, every other parameter unchanged:
 *
 * <ul>
 *   <li>cursor: the cursor of each page (a field or JSON pointer) goes into the next request's cursor parameter;
 *       stops at an empty cursor;
 *   <li>link: the next page is the {@code Link} header's {@code rel="next"} URL (RFC 8288), on the connection's own
 *       host only; stops when there is none;
 *   <li>offset, page: the offset advances by the items received, or the page number by one; stops at a page with
 *       fewer items than the page size.
 * </ul>
 *
 * Stops at the item limit; fails on a next page seen before (a provider bug that would otherwise loop forever);
 * restarts from the first page, once, when the provider says a cursor expired (Zoom's live 15 minutes).
 */
final class Paginator {

  private static final Logger LOG = LoggerFactory.getLogger(Paginator.class);

  /** One page request: {@code page}, or the absolute {@code nextUrl} the provider named with its headers. */
  @FunctionalInterface
  interface PageSender {
    ApiResponse send(ApiRequest page, String nextUrl) throws ConnectorException;
  }

  /** The provider refused a cursor as expired. */
  private static final class ExpiredCursor extends Exception {
    private static final long serialVersionUID = 1L;

    private final HttpFailure failure;

    ExpiredCursor(HttpFailure failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /** Where the next page is: a request, or an absolute URL; null for no next page. */
  private record Next(ApiRequest request, String url, String key) {}

  private final PaginationDefinition spec;
  private final PageSender sender;
  private final String provider;
  private final String operation;

  Paginator(PaginationDefinition spec, PageSender sender, String provider, String operation) {
    this.spec = spec;
    this.sender = sender;
    this.provider = provider;
    this.operation = operation;
  }

  PagedResult paginate(ApiRequest firstPage, int maxItems) throws ConnectorException {
    if (maxItems < 1) {
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR,
          operation + " asked for at most " + maxItems + " items; the limit must be at least 1.");
    }
    ApiRequest first = start(firstPage);
    try {
      return collect(first, maxItems);
    } catch (ExpiredCursor expired) {
      // Items already collected came from a listing that may have changed since; starting over keeps it coherent.
      LOG.info("{}: the page cursor expired; listing again from the first page", operation);
      try {
        return collect(first, maxItems);
      } catch (ExpiredCursor again) {
        throw again.failure;
      }
    }
  }

  /** The first page, with the first offset or page number when the style counts them. */
  private ApiRequest start(ApiRequest firstPage) {
    return switch (spec.styleOrDefault()) {
      case "offset" -> firstPage.query().containsKey(spec.offsetParameter()) ? firstPage
          : firstPage.withQuery(spec.offsetParameter(), "0");
      case "page" -> firstPage.query().containsKey(spec.pageParameter()) ? firstPage
          : firstPage.withQuery(spec.pageParameter(), Integer.toString(firstPageNumber()));
      default -> firstPage;
    };
  }

  private int firstPageNumber() {
    return spec.firstPage() == null ? 1 : spec.firstPage();
  }

  private PagedResult collect(ApiRequest firstPage, int maxItems) throws ConnectorException, ExpiredCursor {
    List<JsonNode> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ApiRequest page = firstPage;
    String url = null;
    JsonNode first = null;
    for (int pages = 1; ; pages++) {
      ApiResponse response = send(page, url, pages > 1);
      JsonNode body = response.body();
      if (first == null) {
        first = body;
      }
      JsonNode pageItems = at(body, spec.itemsField());
      if (!pageItems.isMissingNode() && !pageItems.isNull() && !pageItems.isArray()) {
        throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " answered page " + pages + " of "
            + operation + " with '" + spec.itemsField() + "' that is not a list. Retry later.");
      }
      for (JsonNode item : pageItems) {
        if (items.size() == maxItems) {
          return new PagedResult(items, first, pages, true);
        }
        items.add(item);
      }
      Next next = next(firstPage, page, response, pageItems.size());
      if (next == null) {
        return new PagedResult(items, first, pages, false);
      }
      if (items.size() == maxItems) {
        return new PagedResult(items, first, pages, true);
      }
      if (!seen.add(next.key())) {
        String what = spec.styleOrDefault().equals("cursor") ? "page cursor" : "next page";
        throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " returned the same " + what + " twice "
            + "(page " + pages + " of " + operation + "); stopped rather than list the same items forever. Retry "
            + "later; if it persists, lower maxItems or narrow the listing.");
      }
      page = next.request() != null ? next.request() : firstPage;
      url = next.url();
    }
  }

  private Next next(ApiRequest firstPage, ApiRequest page, ApiResponse response, int received) {
    switch (spec.styleOrDefault()) {
      case "link" -> {
        String url = LinkHeader.next(response.headers().get("link"));
        return url == null ? null : new Next(null, url, url);
      }
      case "offset" -> {
        if (received == 0 || received < pageSize(firstPage)) {
          return null;
        }
        long offset = Long.parseLong(page.query().get(spec.offsetParameter())) + received;
        String value = Long.toString(offset);
        return new Next(firstPage.withQuery(spec.offsetParameter(), value), null, value);
      }
      case "page" -> {
        if (received == 0 || received < pageSize(firstPage)) {
          return null;
        }
        String value = Long.toString(Long.parseLong(page.query().get(spec.pageParameter())) + 1);
        return new Next(firstPage.withQuery(spec.pageParameter(), value), null, value);
      }
      default -> {
        String cursor = at(response.body(), spec.cursorField()).asString("");
        return cursor.isEmpty() ? null
            : new Next(firstPage.withQuery(spec.cursorParameter(), cursor), null, cursor);
      }
    }
  }

  /** The page size the request asks for, else the declared maximum. */
  private int pageSize(ApiRequest firstPage) {
    String asked = firstPage.query().get(spec.pageSizeParameter());
    try {
      return asked == null ? spec.maxPageSize() : Integer.parseInt(asked);
    } catch (NumberFormatException notANumber) {
      return spec.maxPageSize();
    }
  }

  /** A field by name, or by JSON pointer when it starts with '/' ("" is the body itself). */
  private static JsonNode at(JsonNode body, String field) {
    return field.isEmpty() || field.startsWith("/") ? body.at(field) : body.path(field);
  }

  private ApiResponse send(ApiRequest page, String url, boolean later) throws ConnectorException, ExpiredCursor {
    try {
      return sender.send(page, url);
    } catch (HttpFailure failure) {
      // Only a request that carried a cursor can have an expired one; on the first page the same code means
      // something else (Zoom's 300 is also "invalid parameter").
      if (later && spec.expiredCursorError() != null
          && spec.expiredCursorError().equals(failure.providerCode().orElse(null))) {
        throw new ExpiredCursor(failure);
      }
      throw failure;
    }
  }
}
