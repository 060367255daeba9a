package dev.patchbay.server.signin;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.auth.Browser;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.connections.FieldValues;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.sandbox.SandboxSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Connecting from the API and the console, one way for both: an auth type without a sign-in page connects at
 * once; one with a sign-in page gets a {@link SignIn} whose answer comes back to
 * {@code /oauth/callback/{connector}} on this server's public URL. In sandbox mode, a connection to the sandbox's
 * connector is pointed at the sandbox's endpoints, an auth type's fields all left empty take the sandbox's app's
 * values, and each sign-in
 * is a new sandbox user where the sandbox can make one: connecting from the console never supersedes the server's
 * own sandbox connection, nor an earlier one.
 */
public final class Connecting {

  /** A connect request's outcome: the connection, made at once, or the sign-in the user still has to finish. */
  public record Started(Connection connection, SignIn signIn) {}

  /** The server never opens a browser of its own: a sign-in page is the user's browser's to show. */
  private static final Browser NO_BROWSER = url -> {
    throw new IOException("the server has no browser to show a sign-in page in");
  };

  private final PatchbayRuntime runtime;
  private final SignIns signIns;
  private final Supplier<String> publicUrl;
  private final Set<String> newUserPerSignIn = ConcurrentHashMap.newKeySet();

  public Connecting(PatchbayRuntime runtime, SignIns signIns, Supplier<String> publicUrl) {
    this.runtime = runtime;
    this.signIns = signIns;
    this.publicUrl = publicUrl;
    for (CatalogEntry entry : runtime.catalog().connectors()) {
      runtime.sandbox(entry.id()).ifPresent(session -> {
        if (session.running().newUserPerSignIn()) {
          newUserPerSignIn.add(entry.id());
        }
      });
    }
  }

  /** Whether the connector is the server's sandbox, where each sign-in is a new sandbox user. */
  public boolean newSandboxUserPerSignIn(String connectorId) {
    return newUserPerSignIn.contains(connectorId) && sandboxOf(connectorId) != null;
  }

  /** Whether the connector is served by its sandbox (serve --sandbox). */
  public boolean sandboxed(String connectorId) {
    return sandboxOf(connectorId) != null;
  }

  public SignIns signIns() {
    return signIns;
  }

  /**
   * Connects a new connection.
   *
   * @param values what the user entered for the auth type's fields, secret ones included
   * @param bindNow true when the caller sets the sign-in's cookie on the user's browser itself (the console)
   */
  public Started add(String connectorId, String authTypeId, String name, Map<String, String> values,
      boolean bindNow) throws ConnectorException, InterruptedException {
    Connections connections = runtime.connections();
    NewConnection request = newConnection(connectorId, authTypeId, name, values);
    if (!connections.needsSignIn(connectorId, authTypeId)) {
      return new Started(connections.add(request, NO_BROWSER), null);
    }
    return new Started(null, signIns.open(connections.beginAdd(request, redirectUri(connectorId)), bindNow));
  }

  /** Authorizes an existing connection again: at once, or through a sign-in. */
  public Started reauthorize(String name, boolean bindNow) throws ConnectorException, InterruptedException {
    Connections connections = runtime.connections();
    Connection connection = connections.get(name);
    if (!connections.needsSignIn(connection.connectorId(), connection.authTypeId())) {
      return new Started(connections.reauthorize(name, NO_BROWSER), null);
    }
    return new Started(null, signIns.open(connections.beginReauthorize(name, redirectUri(connection.connectorId())),
        bindNow));
  }

  /** Whether browsers reach this server over https, by its public URL. */
  public boolean servedOverHttps() {
    return publicUrl.get().startsWith("https://");
  }

  /** Where a user's browser starts an API-begun sign-in: it binds the sign-in to that browser. */
  public String startUrl(SignIn signIn) {
    return publicUrl.get() + "/oauth/start/" + signIn.id();
  }

  /** The redirect URI the provider's app must have registered for this server. */
  public String redirectUri(String connectorId) {
    return publicUrl.get() + "/oauth/callback/" + connectorId;
  }

  /** The authorization endpoint a new connection of this auth type signs in at; null when it has none. */
  public String authorizeEndpoint(String connectorId, AuthTypeDefinition authType) {
    RunningSandbox running = sandboxOf(connectorId);
    return running != null ? running.authorizeUrl() : authType.authorizeUrl();
  }

  /** The sandbox standing in for the connector's provider, or null. */
  private RunningSandbox sandboxOf(String connectorId) {
    return runtime.sandbox(connectorId).map(SandboxSession::running).orElse(null);
  }

  /**
   * The sandbox's own values for the auth type's fields when the user left them all empty; else the user's, checked
   * as they are (a client ID of one app with the secret of another would only fail later).
   */
  private static Map<String, String> withSandboxDefaults(RunningSandbox running, AuthTypeDefinition authType,
      Map<String, String> values) {
    Map<String, String> sandbox;
    try {
      sandbox = SandboxSession.fieldsOf(running, authType.id());
    } catch (ConnectorException e) {
      return values; // the sandbox has no values for this auth type: the user's are checked as they are
    }
    boolean noneGiven = authType.fieldList().stream().map(field -> values.get(field.name()))
        .allMatch(given -> given == null || given.isBlank());
    if (!noneGiven) {
      return values;
    }
    Map<String, String> filled = new LinkedHashMap<>(values);
    for (FieldDefinition field : authType.fieldList()) {
      if (sandbox.containsKey(field.name())) {
        filled.put(field.name(), sandbox.get(field.name()));
      }
    }
    return filled;
  }

  private NewConnection newConnection(String connectorId, String authTypeId, String name, Map<String, String> values)
      throws ConnectorException {
    AuthTypeDefinition authType = runtime.connections().authType(connectorId, authTypeId);
    RunningSandbox running = sandboxOf(connectorId);
    FieldValues fields = FieldValues.split(authType, running == null ? values : withSandboxDefaults(running,
        authType, values));
    if (running != null) {
      return new NewConnection(connectorId, authTypeId, name, fields.plain(), fields.secrets(), running.baseUrl(),
          running.authorizeUrl(), running.tokenUrl(), running.revokeUrl());
    }
    return new NewConnection(connectorId, authTypeId, name, fields.plain(), fields.secrets(), null, null, null, null);
  }
}
