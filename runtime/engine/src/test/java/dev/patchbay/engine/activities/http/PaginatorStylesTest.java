package dev.patchbay.engine.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.PagedResult;
import dev.patchbay.engine.definitions.PaginationDefinition;
import dev.patchbay.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offset and page-number pagination, and the Link header's rel="next", on scripted pages. */
class PaginatorStylesTest {

  private final List<String> sent = new ArrayList<>();

  private Paginator paginator(PaginationDefinition spec, String... pages) {
    return new Paginator(spec, (page, nextUrl) -> {
      sent.add(nextUrl != null ? nextUrl : page.query().toString());
      return new ApiResponse(200, Map.of(), Json.MAPPER.readTree(pages[sent.size() - 1]));
    }, "Provider", "provider/things.list");
  }

  private static List<Integer> ids(PagedResult result) {
    return result.items().stream().map(item -> item.path("id").asInt()).toList();
  }

  @Test
  void offsetAdvancesByTheItemsReceivedAndStopsAtAShortPage() throws ConnectorException {
    PaginationDefinition spec = new PaginationDefinition("offset", null, null, "offset", null, null, "/data", "limit",
        2, null);

    PagedResult result = paginator(spec, "{\"data\":[{\"id\":1},{\"id\":2}]}", "{\"data\":[{\"id\":3},{\"id\":4}]}",
        "{\"data\":[{\"id\":5}]}").paginate(ApiRequest.get("/things").query("limit", "2").build(), 100);

    assertEquals(List.of(1, 2, 3, 4, 5), ids(result));
    assertEquals(List.of("{limit=2, offset=0}", "{limit=2, offset=2}", "{limit=2, offset=4}"), sent);
    assertFalse(result.truncated());
  }

  @Test
  void pageNumberCountsFromTheFirstPageAndStopsAtAnEmptyPage() throws ConnectorException {
    PaginationDefinition spec = new PaginationDefinition("page", null, null, null, "page", 0, "", "per_page", 2,
        null);

    PagedResult result = paginator(spec, "[{\"id\":1},{\"id\":2}]", "[{\"id\":3},{\"id\":4}]", "[]")
        .paginate(ApiRequest.get("/things").query("per_page", "2").build(), 100);

    assertEquals(List.of(1, 2, 3, 4), ids(result));
    assertEquals(List.of("{per_page=2, page=0}", "{per_page=2, page=1}", "{per_page=2, page=2}"), sent);
  }

  @Test
  void maxItemsStopsEarly() throws ConnectorException {
    PaginationDefinition spec = new PaginationDefinition("page", null, null, null, "page", null, "", "per_page", 2,
        null);

    PagedResult result = paginator(spec, "[{\"id\":1},{\"id\":2}]", "[{\"id\":3},{\"id\":4}]")
        .paginate(ApiRequest.get("/things").query("per_page", "2").build(), 3);

    assertEquals(List.of(1, 2, 3), ids(result));
    assertTrue(result.truncated());
  }

  @Test
  void theSameNextPageTwiceFails() {
    PaginationDefinition spec = new PaginationDefinition("cursor", "cursor", "/meta/next", null, null, null,
        "/data", "limit", 10, null);
    Paginator paginator = paginator(spec, "{\"data\":[{\"id\":1}],\"meta\":{\"next\":\"c1\"}}",
        "{\"data\":[{\"id\":2}],\"meta\":{\"next\":\"c1\"}}");

    ConnectorException failure = assertThrows(ConnectorException.class,
        () -> paginator.paginate(ApiRequest.get("/things").build(), 100));

    assertEquals(ErrorCode.UPSTREAM_ERROR, failure.code());
    assertTrue(failure.getMessage().contains("the same page cursor twice"), failure.getMessage());
  }

  @Test
  void linkHeaderNextAmongOtherRelations() {
    assertEquals("https://api.example.test/x?page=2", LinkHeader.next(List.of(
        "<https://api.example.test/x?page=1>; rel=\"prev\", <https://api.example.test/x?page=2>; rel=\"next\", "
            + "<https://api.example.test/x?page=9>; rel=\"last\"")));
    assertEquals("https://a.test/2", LinkHeader.next(List.of("<https://a.test/2>; title=\"x\"; rel=\"next last\"")));
    assertEquals("https://a.test/3", LinkHeader.next(List.of("<https://a.test/3>; REL=next")));
    assertNull(LinkHeader.next(List.of("<https://a.test/1>; rel=\"first\"")));
    assertNull(LinkHeader.next(null));
  }
}
