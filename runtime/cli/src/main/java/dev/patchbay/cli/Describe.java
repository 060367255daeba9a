package dev.patchbay.cli;

import dev.patchbay.engine.connections.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** How connections are shown: everything but secrets. */
final class Describe {

  private Describe() {}

  static String identity(Connection c) {
    if (c.identity() == null) {
      return "-";
    }
    return c.identity().inWords();
  }

  static Map<String, Object> asMap(Connection c) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", c.name());
    map.put("id", c.id());
    map.put("connector", c.connectorId());
    map.put("authType", c.authTypeId());
    map.put("status", c.status().name());
    map.put("statusReason", c.statusReason());
    map.put("actsAs", identity(c));
    map.put("accountId", c.identity() == null ? null : c.identity().accountId());
    map.put("userId", c.identity() == null ? null : c.identity().userId());
    map.put("scopes", new TreeSet<>(c.grantedScopes()));
    map.put("baseUrl", c.baseUrl());
    map.put("fields", new java.util.TreeMap<>(c.publicFields()));
    map.put("createdAt", c.createdAt().toString());
    map.put("refreshedAt", c.refreshedAt() == null ? null : c.refreshedAt().toString());
    return map;
  }
}
