package dev.patchbay.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory: a random session id (the HttpOnly, SameSite=Strict cookie) and the CSRF token every
 * form of the session carries. A session ends on sign-out, after {@link #LIFETIME}, or when the server stops.
 */
final class ConsoleSessions {

  static final Duration LIFETIME = Duration.ofHours(12);

  record Session(String id, String csrf, Instant expiresAt) {
    /** Whether a submitted form's token is this session's, compared in constant time. */
    boolean csrfMatches(String submitted) {
      return submitted != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
          submitted.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  Session open() {
    sessions.values().removeIf(session -> session.expiresAt().isBefore(clock.instant()));
    Session session = new Session(random(), random(), clock.instant().plus(LIFETIME));
    sessions.put(session.id(), session);
    return session;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null || session.expiresAt().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(session);
  }

  void close(String id) {
    sessions.remove(id);
  }

  static String random() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }
}
