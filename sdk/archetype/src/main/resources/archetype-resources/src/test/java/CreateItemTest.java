package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.testkit.Outcome;
import dev.patchbay.testkit.PatchbayExtension;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * items.create, the declarative operation (its http block, no Java), through a real Patchbay runtime with a
 * MockWebServer as the provider: the exact request it sends, and what the provider's answers become.
 */
class CreateItemTest {

  private static final String ME = "{\"id\": \"u1\", \"account_id\": \"a1\", \"name\": \"Ann\", \"email\": \"ann@example.com\"}";

  @RegisterExtension
  final PatchbayExtension patchbay = PatchbayExtension.forBuild();

  @Test
  void postsTheItemAndReturnsTheProvidersAnswer() throws Exception {
    String connection = patchbay.connect("oauth", ME);
    patchbay.provider().enqueue(PatchbayExtension.json(201, "{\"id\": \"43\", \"name\": \"Lamp\"}"));

    Outcome outcome = patchbay.activities().run("${connectorId}/items.create", connection, "{\"name\": \"Lamp\"}");

    assertEquals("43", outcome.output().path("id").asString());
    RecordedRequest request = patchbay.provider().takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals("/items", request.getUrl().encodedPath());
    assertEquals("{\"name\":\"Lamp\"}", request.getBody().utf8(), "a field not given (note) is left out");
    assertEquals("Bearer ", request.getHeaders().get("Authorization").substring(0, 7));
  }

  @Test
  void aRefusedItemIsInvalidInputWithTheProvidersWords() throws Exception {
    String connection = patchbay.connect("client-credentials", ME);
    patchbay.provider().enqueue(PatchbayExtension.json(400, "{\"code\": \"bad_name\", \"message\": \"Name taken\"}"));

    Outcome outcome = patchbay.activities().run("${connectorId}/items.create", connection, "{\"name\": \"Lamp\"}");

    assertEquals(ErrorCode.INVALID_INPUT, outcome.errorCode());
    assertEquals("Name taken", outcome.error().details().get("providerMessage"));
    assertEquals(2, patchbay.provider().getRequestCount(), "the identify request and one POST: never retried");
  }
}
