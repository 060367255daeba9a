package dev.patchbay.server.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.engine.connections.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A connection as the API shows it: everything but its secrets, which the runtime never hands out anyway. */
final class ConnectionView {

  private ConnectionView() {}

  static Map<String, Object> of(Connection c) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", c.name());
    map.put("id", c.id());
    map.put("connector", c.connectorId());
    map.put("authType", c.authTypeId());
    map.put("status", c.status().name());
    map.put("statusReason", c.statusReason());
    map.put("identity", identity(c.identity()));
    map.put("scopes", new TreeSet<>(c.grantedScopes()));
    map.put("baseUrl", c.baseUrl());
    map.put("fields", new TreeMap<>(c.publicFields()));
    map.put("createdAt", c.createdAt().toString());
    map.put("refreshedAt", c.refreshedAt() == null ? null : c.refreshedAt().toString());
    return map;
  }

  static Map<String, Object> identity(ConnectionIdentity identity) {
    if (identity == null) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("accountId", identity.accountId());
    map.put("userId", identity.userId());
    map.put("displayName", identity.displayName());
    map.put("email", identity.email());
    return map;
  }
}
