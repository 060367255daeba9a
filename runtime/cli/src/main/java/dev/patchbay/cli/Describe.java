package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** How connections and times are shown: everything but secrets; times to the second. */
final class Describe {

  private Describe() {}

  /** An instant to the second, as a person reads it ({@code 2026-12-07T13:58:37Z}); "-" for none. */
  static String time(java.time.Instant instant) {
    return instant == null ? "-" : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  static String identity(Connection c) {
    if (c.identity() == null) {
      return "-";
    }
    return c.identity().inWords();
  }

  /** The connection as {@code list --json} and {@code show} print it, with the rate limits it keeps to. */
  static Map<String, Object> asMap(PatchbayRuntime runtime, Connection c) {
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
    map.put("rateLimits", runtime.rateLimits(c));
    return map;
  }

  /** {@code "light 80/s, medium 20/s (default)"}. */
  static String rateLimitsInWords(PatchbayRuntime runtime, Connection c) {
    return String.join(", ", runtime.rateLimits(c).entrySet().stream()
        .map(limit -> limit.getKey() + " " + limit.getValue()).toList());
  }
}
