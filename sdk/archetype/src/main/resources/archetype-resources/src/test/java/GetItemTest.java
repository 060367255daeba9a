package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.testkit.Outcome;
import dev.patchbay.testkit.PatchbayExtension;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** items.get through a real Patchbay runtime, with a MockWebServer as the provider. */
class GetItemTest {

  private static final String ME = "{\"id\": \"u1\", \"account_id\": \"a1\", \"name\": \"Ann\", \"email\": \"ann@example.com\"}";

  @RegisterExtension
  final PatchbayExtension patchbay = PatchbayExtension.forBuild();

  @Test
  void readsTheItemWithTheConnectionsToken() throws Exception {
    String connection = patchbay.connect("oauth", ME);
    patchbay.provider().enqueue(PatchbayExtension.json(200, "{\"id\": \"42\", \"name\": \"Answer\"}"));

    Outcome outcome = patchbay.activities().run("${connectorId}/items.get", connection, "{\"id\": \"42\"}");

    assertEquals("Answer", outcome.output().path("name").asString());
    RecordedRequest request = patchbay.provider().takeRequest();
    assertEquals("/items/42", request.getUrl().encodedPath());
    assertEquals("Bearer ", request.getHeaders().get("Authorization").substring(0, 7));
  }

  @Test
  void aMissingItemIsNotFound() throws Exception {
    String connection = patchbay.connect("client-credentials", ME);
    patchbay.provider().enqueue(PatchbayExtension.json(404, "{\"code\": \"not_found\", \"message\": \"No item 7\"}"));

    Outcome outcome = patchbay.activities().run("${connectorId}/items.get", connection, "{\"id\": \"7\"}");

    assertEquals(ErrorCode.NOT_FOUND, outcome.errorCode());
  }

  @Test
  void inputWithoutAnIdIsRefusedBeforeAnyRequest() throws Exception {
    String connection = patchbay.connect("client-credentials", ME);

    Outcome outcome = patchbay.activities().run("${connectorId}/items.get", connection, "{}");

    assertEquals(ErrorCode.INVALID_INPUT, outcome.errorCode());
    assertEquals(0, patchbay.provider().getRequestCount() - 1, "only the connection's identify request was sent");
  }
}
