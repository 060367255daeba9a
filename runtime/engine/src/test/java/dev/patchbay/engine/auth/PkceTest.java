package dev.patchbay.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {

  @Test
  void rfc7636AppendixBVector() {
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").challenge());
  }

  @Test
  void verifiersAreFreshAndWellFormed() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      Pkce pkce = Pkce.create();
      assertTrue(pkce.verifier().matches("^[A-Za-z0-9._~-]{43,128}$"), pkce.verifier());
      assertEquals(Pkce.challengeOf(pkce.verifier()), pkce.challenge());
      assertTrue(seen.add(pkce.verifier()));
    }
  }

  @Test
  void toStringShowsNoVerifier() {
    Pkce pkce = Pkce.create();
    assertFalse(pkce.toString().contains(pkce.verifier()));
  }
}
