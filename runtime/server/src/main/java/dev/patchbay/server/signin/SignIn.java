package dev.patchbay.server.signin;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.PendingAuthorization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * One sign-in the server runs for a browser: the engine's pending authorization, and the browser it is bound to.
 * The binding is a random value in a cookie set on that browser (when the console starts the sign-in, or at its
 * first visit to {@code /oauth/start/{id}} for one started over the API); the callback is accepted only with it,
 * so a callback replayed into another browser, or a victim lured into finishing an attacker's sign-in, fails.
 */
public final class SignIn {

  /** Where a sign-in stands, as {@code GET /api/sign-ins/{id}} reports it. */
  public enum Status { PENDING, CONNECTED, FAILED }

  private final String id;
  private final String cookieName;
  private final String binding;
  private final PendingAuthorization pending;
  private boolean bound;
  private Status status = Status.PENDING;
  private Connection connection;
  private List<String> superseded = List.of();
  private String outcome;
  private ConnectorException error;

  SignIn(String id, String cookieName, String binding, PendingAuthorization pending, boolean bound) {
    this.id = id;
    this.cookieName = cookieName;
    this.binding = binding;
    this.pending = pending;
    this.bound = bound;
  }

  /** The id in {@code /oauth/start/{id}} and {@code /api/sign-ins/{id}}; not the OAuth state. */
  public String id() {
    return id;
  }

  public PendingAuthorization pending() {
    return pending;
  }

  /** The cookie carrying the binding: one per sign-in, so two sign-ins in one browser do not clash. */
  public String cookieName() {
    return cookieName;
  }

  public String binding() {
    return binding;
  }

  /** Binds an API-started sign-in to the first browser that opens it; false when it was bound before. */
  public synchronized boolean bind() {
    if (bound) {
      return false;
    }
    bound = true;
    return true;
  }

  public boolean boundTo(String cookieValue) {
    return cookieValue != null && MessageDigest.isEqual(binding.getBytes(StandardCharsets.UTF_8),
        cookieValue.getBytes(StandardCharsets.UTF_8));
  }

  public synchronized Status status() {
    return status;
  }

  /** The connection made, once {@link Status#CONNECTED}. */
  public synchronized Connection connection() {
    return connection;
  }

  /**
   * The connections whose authorization the provider revoked when this one was granted (the same user and app),
   * once {@link Status#CONNECTED}.
   */
  public synchronized List<String> superseded() {
    return superseded;
  }

  /** The connection made, and what it superseded, in words, once {@link Status#CONNECTED}. */
  public synchronized String outcome() {
    return outcome;
  }

  /** Why it failed, once {@link Status#FAILED}. */
  public synchronized ConnectorException error() {
    return error;
  }

  synchronized void connected(Connection made, List<String> revoked, String inWords) {
    status = Status.CONNECTED;
    connection = made;
    superseded = List.copyOf(revoked);
    outcome = inWords;
  }

  synchronized void failed(ConnectorException why) {
    status = Status.FAILED;
    error = why;
  }

  @Override
  public String toString() {
    return "SignIn[" + pending + ", " + status() + "]";
  }
}
