package dev.patchbay.engine.connections;

/** A connection with its secrets, as the store keeps it. */
public record StoredConnection(Connection connection, Credentials credentials) {

  public String id() {
    return connection.id();
  }

  public StoredConnection with(Connection changed) {
    return new StoredConnection(changed, credentials);
  }

  public StoredConnection with(Credentials changed) {
    return new StoredConnection(connection, changed);
  }
}
