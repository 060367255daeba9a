package dev.patchbay.api;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Items collected over the pages of a listing.
 *
 * @param items the items of every page, in order, at most the requested maximum
 * @param firstPage the first page as the provider returned it (for fields it echoes, such as a date range)
 * @param pages how many pages were fetched
 * @param truncated true when more items were available than the maximum
 */
public record PagedResult(List<JsonNode> items, JsonNode firstPage, int pages, boolean truncated) {

  public PagedResult {
    items = List.copyOf(items);
  }
}
