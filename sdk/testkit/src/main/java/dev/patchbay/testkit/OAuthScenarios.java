package dev.patchbay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OAuth 2.0 situations every connector meets in production, as tests: extend this class in your connector's
 * tests, say which auth type signs in, how the provider answers the identify request, and one operation to run, and
 * each scenario runs through the real runtime against the {@link FakeOAuthServer}:
 *
 * <ul>
 *   <li>the refresh token rotates on every refresh, and the rotated one is never sent again;</li>
 *   <li>a revoked token family (a rotated token was reused somewhere) and {@code invalid_grant} after a rotation make
 *       the connection NEEDS_REAUTH;</li>
 *   <li>a refresh refused with 400 {@code invalid_request} is an UPSTREAM_ERROR; a refused client
 *       ({@code invalid_client}) is NEEDS_REAUTH for a connection's own client, and for the operator's app a
 *       configuration error that leaves the connection usable;</li>
 *   <li>calls at once that all find the token rejected refresh it once;</li>
 *   <li>tokens without {@code expires_in} work;</li>
 *   <li>a 429 is retried after the wait its {@code Retry-After} asks, in each of its forms;</li>
 *   <li>a page cursor the provider calls expired restarts the listing from the first page, once (when the connector
 *       has a paginated operation: override {@link #pagedCall()}).</li>
 * </ul>
 */
public abstract class OAuthScenarios {

  /** The runtime of each scenario; override {@link #plugin()} to test a zip instead of the build's classes. */
  @RegisterExtension
  protected final PatchbayExtension patchbay = PatchbayExtension.forPlugin(plugin());

  /** The plugin under test: the build's classes by default. */
  protected PluginUnderTest plugin() {
    return PluginUnderTest.fromBuild();
  }

  /** The auth type whose sign-in gives a refresh token (an {@code oauth2-authorization-code} one). */
  protected abstract String authType();

  /** The provider's answer to the auth handler's identify request. */
  protected abstract String identityAnswer();

  /** An operation to run in the scenarios, with the provider's successful answer to its one request. */
  protected abstract Call call();

  /**
   * One activity run.
   *
   * @param activity {@code connector/operation}
   * @param input the input, JSON
   * @param answer the provider's answer (200, JSON) to the request the activity sends
   */
  public record Call(String activity, String input, String answer) {}

  /**
   * A paginated operation whose definition declares an {@code expiredCursorError}, for the expired-cursor scenario;
   * null (the default) skips it.
   */
  protected PagedCall pagedCall() {
    return null;
  }

  /**
   * One listing of two pages.
   *
   * @param activity {@code connector/operation}
   * @param input the input, JSON
   * @param firstPage the provider's answer (200, JSON) to the first page, naming a cursor to the next
   * @param lastPage its answer to the next page, naming none
   * @param expired its refusal of the cursor as expired (the status and body carrying the declared code)
   */
  public record PagedCall(String activity, String input, String firstPage, String lastPage, MockResponse expired) {}

  @Test
  void refreshRotatesTheRefreshTokenAndNeverSendsARotatedOneAgain() throws Exception {
    String connection = connect();
    for (int i = 0; i < 2; i++) {
      patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());
      patchbay.provider().enqueue(PatchbayExtension.json(200, call().answer()));
      assertTrue(run(connection).succeeded(), "a 401 refreshes the token once and the call is retried");
    }

    List<Map<String, String>> refreshes = patchbay.oauth().refreshRequests();
    assertEquals(2, refreshes.size());
    assertNotEquals(refreshes.get(0).get("refresh_token"), refreshes.get(1).get("refresh_token"),
        "the second refresh must send the token the first one returned");
  }

  @Test
  void revokedTokenFamilyMakesTheConnectionNeedReauthorization() throws Exception {
    String connection = connect();
    patchbay.oauth().revokeAll();
    patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());

    assertEquals(ErrorCode.NEEDS_REAUTH, run(connection).errorCode());
  }

  @Test
  void invalidGrantAfterARotationMakesTheConnectionNeedReauthorization() throws Exception {
    String connection = connect();
    patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());
    patchbay.provider().enqueue(PatchbayExtension.json(200, call().answer()));
    assertTrue(run(connection).succeeded());
    patchbay.oauth().answerNextToken(FakeOAuthServer.invalidGrant());
    patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());

    assertEquals(ErrorCode.NEEDS_REAUTH, run(connection).errorCode());
    assertEquals(ErrorCode.NEEDS_REAUTH, run(connection).errorCode(), "the connection stays marked");
  }

  @Test
  void refreshRefusedWith400IsAnUpstreamErrorAndARefusedClientIsForItsOwnerToFix() throws Exception {
    String connection = connect();
    patchbay.oauth().answerNextToken(
        PatchbayExtension.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"try again\"}"));
    patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());
    assertEquals(ErrorCode.UPSTREAM_ERROR, run(connection).errorCode());

    patchbay.oauth().answerNextToken(FakeOAuthServer.invalidClient());
    patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());
    Outcome refused = run(connection);
    if (!patchbay.usesOperatorApp(authType())) {
      assertEquals(ErrorCode.NEEDS_REAUTH, refused.errorCode(), "the connection's own client was refused");
      return;
    }
    // The operator's app was refused: the operator's configuration to fix, and the user's authorization is intact.
    assertEquals(ErrorCode.INVALID_INPUT, refused.errorCode());
    assertTrue(Boolean.TRUE.equals(refused.error().details().get(ActivityError.CONFIGURATION)), refused::toString);
    patchbay.provider().enqueue(new MockResponse.Builder().code(401).build());
    patchbay.provider().enqueue(PatchbayExtension.json(200, call().answer()));
    assertTrue(run(connection).succeeded(), "the connection was left ACTIVE and renews once the app is accepted");
  }

  @Test
  void callsThatAllFindTheTokenRejectedRefreshItOnce() throws Exception {
    String connection = connect();
    String first = "Bearer " + firstAccessToken();
    patchbay.provider().setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return first.equals(request.getHeaders().get("Authorization"))
            ? new MockResponse.Builder().code(401).build()
            : PatchbayExtension.json(200, call().answer());
      }
    });
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Outcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        outcomes.add(callers.submit(() -> run(connection)));
      }
      for (Future<Outcome> outcome : outcomes) {
        assertTrue(outcome.get().succeeded(), outcome.get().toString());
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(1, patchbay.oauth().refreshRequests().size());
  }

  @Test
  void tokensWithoutExpiresInWork() throws Exception {
    patchbay.oauth().omitExpiresIn();
    String connection = connect();
    patchbay.provider().enqueue(PatchbayExtension.json(200, call().answer()));

    assertTrue(run(connection).succeeded());
    assertEquals(0, patchbay.oauth().refreshRequests().size());
  }

  @Test
  void rateLimitedCallIsRetriedAfterEachFormOfRetryAfter() throws Exception {
    String connection = connect();
    ZonedDateTime past = ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(5);
    for (String retryAfter : List.of("0", DateTimeFormatter.RFC_1123_DATE_TIME.format(past),
        past.toOffsetDateTime().toString())) {
      int before = patchbay.provider().getRequestCount();
      patchbay.provider().enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter).build());
      patchbay.provider().enqueue(PatchbayExtension.json(200, call().answer()));

      Outcome outcome = run(connection);

      assertTrue(outcome.succeeded(), "Retry-After: " + retryAfter + " -> " + outcome);
      assertEquals(2, patchbay.provider().getRequestCount() - before, "Retry-After: " + retryAfter);
    }
  }

  @Test
  void expiredPageCursorRestartsTheListingFromTheFirstPageOnce() throws Exception {
    PagedCall paged = pagedCall();
    Assumptions.assumeTrue(paged != null, "no paginated operation given (override pagedCall())");
    String connection = connect();
    int before = patchbay.provider().getRequestCount();
    patchbay.provider().enqueue(PatchbayExtension.json(200, paged.firstPage()));
    patchbay.provider().enqueue(paged.expired());
    patchbay.provider().enqueue(PatchbayExtension.json(200, paged.firstPage()));
    patchbay.provider().enqueue(PatchbayExtension.json(200, paged.lastPage()));

    Outcome outcome = patchbay.activities().run(paged.activity(), connection, paged.input());

    assertTrue(outcome.succeeded(), outcome.toString());
    assertEquals(4, patchbay.provider().getRequestCount() - before);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      targets.add(patchbay.provider().takeRequest(5, TimeUnit.SECONDS).getUrl().toString());
    }
    assertEquals(targets.get(0), targets.get(2), "after the expiry the listing starts again from the first page");
    assertEquals(targets.get(1), targets.get(3), "and follows the cursor of its new first page");

    patchbay.provider().enqueue(PatchbayExtension.json(200, paged.firstPage()));
    patchbay.provider().enqueue(paged.expired());
    patchbay.provider().enqueue(PatchbayExtension.json(200, paged.firstPage()));
    patchbay.provider().enqueue(paged.expired());
    Outcome again = patchbay.activities().run(paged.activity(), connection, paged.input());
    assertFalse(again.succeeded(), "a cursor that expires again after the restart fails the listing instead of "
        + "looping: " + again);
  }

  private String connect() throws Exception {
    return patchbay.connect(authType(), identityAnswer());
  }

  private Outcome run(String connection) throws Exception {
    return patchbay.activities().run(call().activity(), connection, call().input());
  }

  private String firstAccessToken() {
    return patchbay.oauth().issuedAccessTokens().get(0);
  }
}
