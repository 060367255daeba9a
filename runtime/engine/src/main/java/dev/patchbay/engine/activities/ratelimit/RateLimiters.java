package dev.patchbay.engine.activities.ratelimit;

import dev.patchbay.engine.connections.Connection;
import java.util.Map;
import java.util.Objects;

/**
 * Which limit each connection and category has, and the buckets that hold them. A category's limit is the
 * connection's own ({@code connections set-limits}), else the runtime's for the connector (the {@code
 * PatchbayRuntime} builder's), else the definition's default. The buckets live in this process ({@link
 * ProcessBuckets}) until the runtime opens a shared store, whose buckets every process then shares.
 */
public final class RateLimiters {

  private final Map<String, Map<String, RateLimit>> byConnector;
  private volatile RateLimitBuckets buckets;

  /**
   * @param byConnector per connector id, per category, the limit to use instead of the definition's default for
   *     connections that set none of their own
   */
  public RateLimiters(Map<String, Map<String, RateLimit>> byConnector, RateLimitBuckets buckets) {
    this.byConnector = Map.copyOf(byConnector);
    this.buckets = Objects.requireNonNull(buckets, "buckets");
  }

  /** Buckets in this process at the definitions' defaults. */
  public static RateLimiters withDefaults() {
    return new RateLimiters(Map.of(), new ProcessBuckets());
  }

  /** Keeps the buckets in {@code shared} from now on (the runtime switched to a shared store's connections). */
  public void keepIn(RateLimitBuckets shared) {
    this.buckets = Objects.requireNonNull(shared, "shared");
  }

  /** The limit a connection's requests of a category keep to. */
  public RateLimit limit(Connection connection, String category, RateLimit definitionDefault) {
    RateLimit own = connection.rateLimits().get(category);
    if (own != null) {
      return own;
    }
    Map<String, RateLimit> ofConnector = byConnector.get(connection.connectorId());
    RateLimit runtime = ofConnector == null ? null : ofConnector.get(category);
    return runtime != null ? runtime : definitionDefault;
  }

  /** The bucket of one connection and category. */
  public RateLimitBucket bucket(Connection connection, String category, RateLimit definitionDefault) {
    return buckets.bucket(connection.id(), category, limit(connection, category, definitionDefault));
  }
}
