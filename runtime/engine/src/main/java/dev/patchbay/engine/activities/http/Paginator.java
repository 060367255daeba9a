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
 * Follows an operation's cursor pagination as its definition declares it: the cursor of each page goes into the
 * next request's cursor parameter and nothing else changes. Stops at an empty cursor or at the item limit; fails
 * on a cursor seen before (a provider bug that would otherwise loop forever); restarts from the first page, once,
 * when the provider says a cursor expired (Zoom's live 15 minutes).
 */
final class Paginator {

  private static final Logger LOG = LoggerFactory.getLogger(Paginator.class);

  /** One page request. */
  @FunctionalInterface
  interface PageSender {
    ApiResponse send(ApiRequest page) throws ConnectorException;
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
    try {
      return collect(firstPage, maxItems);
    } catch (ExpiredCursor expired) {
      // Items already collected came from a listing that may have changed since; starting over keeps it coherent.
      LOG.info("{}: the page cursor expired; listing again from the first page", operation);
      try {
        return collect(firstPage, maxItems);
      } catch (ExpiredCursor again) {
        throw again.failure;
      }
    }
  }

  private PagedResult collect(ApiRequest firstPage, int maxItems) throws ConnectorException, ExpiredCursor {
    List<JsonNode> items = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    ApiRequest page = firstPage;
    JsonNode first = null;
    for (int pages = 1; ; pages++) {
      JsonNode body = send(page, pages > 1).body();
      if (first == null) {
        first = body;
      }
      JsonNode pageItems = body.path(spec.itemsField());
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
      String cursor = body.path(spec.cursorField()).asString("");
      if (cursor.isEmpty()) {
        return new PagedResult(items, first, pages, false);
      }
      if (items.size() == maxItems) {
        return new PagedResult(items, first, pages, true);
      }
      if (!cursors.add(cursor)) {
        throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " returned the same page cursor twice "
            + "(page " + pages + " of " + operation + "); stopped rather than list the same items forever. Retry "
            + "later; if it persists, lower maxItems or narrow the listing.");
      }
      page = firstPage.withQuery(spec.cursorParameter(), cursor);
    }
  }

  private ApiResponse send(ApiRequest page, boolean withCursor) throws ConnectorException, ExpiredCursor {
    try {
      return sender.send(page);
    } catch (HttpFailure failure) {
      // Only a request that carried a cursor can have an expired one; on the first page the same code means
      // something else (Zoom's 300 is also "invalid parameter").
      if (withCursor && spec.expiredCursorError() != null
          && spec.expiredCursorError().equals(failure.providerCode().orElse(null))) {
        throw new ExpiredCursor(failure);
      }
      throw failure;
    }
  }
}
