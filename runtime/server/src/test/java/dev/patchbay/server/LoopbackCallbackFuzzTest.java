package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.auth.LoopbackReceiver;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI's loopback receiver ({@link LoopbackReceiver}) over real HTTP on loopback, with malformed callback query
 * strings (RELIABILITY R27): every one the receiver is handed is refused with a 400 page (never no answer, a 500 or a
 * stack trace), none ends the sign-in, and the real callback still completes it afterwards.
 */
class LoopbackCallbackFuzzTest {

  private static final String STATE = "Zq3-x_9kLmN0pQrStUvWxYz012345678AbCdEfGhIjK";

  private LoopbackReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new LoopbackReceiver(0, STATE);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private void assertStillCompletes() throws Exception {
    // The real callback's page waits for the sign-in's outcome.
    java.util.concurrent.CompletableFuture<CallbackQueries.Answer> real = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> CallbackQueries.get(receiver.address().getPort(), "/callback?code=the-code&state=" + STATE,
            null));
    assertEquals("the-code", receiver.awaitCode(Duration.ofSeconds(5)));
    receiver.answer(true, "Connected in the test.");
    CallbackQueries.Answer answer = real.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(200, answer.status(), answer.head());
  }

  private void assertRefused(String query, String where) {
    CallbackQueries.Answer answer = CallbackQueries.get(receiver.address().getPort(), "/callback?" + query, null);
    if (answer.status() < 0 && !isUri("/callback?" + query)) {
      // The JDK's HTTP server refuses a request line that is no URI before the receiver sees it, with a 400 page,
      // or, as it closes the connection before reading the request's headers, with a connection reset. The
      // receiver cannot answer what it is never given; no sign-in ends either way.
      return;
    }
    CallbackQueries.assertRefusedCleanly(answer, where);
  }

  /** Whether the JDK's HTTP server can parse the request target: it reads the request line's bytes as Latin-1. */
  private static boolean isUri(String target) {
    try {
      new URI(new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Test
  void malformedQueriesAreRefusedAndTheRealCallbackStillCompletes() throws Exception {
    CallbackQueries queries = new CallbackQueries(STATE);
    for (int i = 0; i < CallbackQueries.cases(1500); i++) {
      String query = queries.next();
      // The right state next to a broken or repeated one is refused too: a repeated parameter is never taken.
      if (i % 5 == 0) {
        query = "state=" + STATE + "&code=c&state=" + queries.nearMiss() + "&" + query;
      }
      assertRefused(query, queries.where(i, query));
    }
    assertStillCompletes();
  }

  @Test
  void regressionCorpus() throws Exception {
    List<String> corpus = CallbackQueries.corpus(STATE);
    for (int i = 0; i < corpus.size(); i++) {
      String query = corpus.get(i);
      assertRefused(query, "corpus entry " + (i + 1) + ": ?" + query);
    }
    assertTrue(corpus.size() > 20, "the corpus is there");
    assertStillCompletes();
  }
}
