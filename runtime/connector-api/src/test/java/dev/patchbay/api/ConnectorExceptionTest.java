package dev.patchbay.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorExceptionTest {

  /** What the host's HTTP failures are: a subclass choosing the source. */
  private static final class HostSays extends ConnectorException {
    private static final long serialVersionUID = 1L;

    HostSays(FailureSource source, FailedAnswer answer) {
      super(ErrorCode.UPSTREAM_ERROR, "failed", null, null, source, answer, null);
    }
  }

  @Test
  void aFailureAConnectorRaisesIsTheConnectorsWithNoAnswer() {
    ConnectorException own = new ConnectorException(ErrorCode.NOT_FOUND, "thing 42 is gone", "G42", "Gone", null);

    assertEquals(FailureSource.CONNECTOR, own.source());
    assertFalse(own.source().fromHost());
    assertTrue(own.answer().isEmpty());
  }

  @Test
  void onlyAProviderFailureCarriesTheAnswer() {
    FailedAnswer answer = new FailedAnswer(503, Map.of("retry-after", List.of("5")), "{}");

    HostSays provider = new HostSays(FailureSource.PROVIDER, answer);
    assertEquals(503, provider.answer().orElseThrow().status());
    assertEquals("5", provider.answer().orElseThrow().header("Retry-After").orElseThrow());

    assertThrows(IllegalArgumentException.class, () -> new HostSays(FailureSource.PROVIDER, null));
    assertThrows(IllegalArgumentException.class, () -> new HostSays(FailureSource.BREAKER, answer));
  }

  @Test
  void theHostsOwnFailuresAreTheFourItRaisesWithoutAProvider() {
    assertEquals(List.of(FailureSource.TOKEN_REFRESH, FailureSource.DEADLINE, FailureSource.RATE_PERMIT,
        FailureSource.BREAKER), List.of(FailureSource.values()).stream().filter(FailureSource::fromHost).toList());
  }
}
