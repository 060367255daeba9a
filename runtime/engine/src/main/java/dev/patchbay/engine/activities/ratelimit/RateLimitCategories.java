package dev.patchbay.engine.activities.ratelimit;

import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.workflows.check.Suggestions;
import java.util.Map;
import java.util.TreeSet;

/** Checks that limits name categories a connector's definition declares. */
public final class RateLimitCategories {

  private RateLimitCategories() {}

  /**
   * @return empty when every category of {@code limits} is one of the definition's; else a sentence naming the first
   *     unknown category, the closest known one, and every known one
   */
  public static java.util.Optional<String> unknown(ConnectorDefinition definition, Map<String, RateLimit> limits) {
    TreeSet<String> known = new TreeSet<>(definition.rateLimitCategories().keySet());
    return new TreeSet<>(limits.keySet()).stream().filter(category -> !known.contains(category)).findFirst()
        .map(category -> definition.id() + " has no rate-limit category '" + category + "'"
            + Suggestions.hint(category, known) + "; its categories are " + String.join(", ", known));
  }
}
