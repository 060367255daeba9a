package dev.patchbay.engine.definitions;

import java.util.ArrayList;
import java.util.List;

/**
 * What is allowed in a definition but probably not meant, as warnings naming the place by JSON pointer: error rules
 * that can never match ({@link ErrorRuleWarnings}) and an api-key sent in the query, where it travels in URLs.
 */
public final class DefinitionWarnings {

  private DefinitionWarnings() {}

  /** One line per warning; empty for a definition with nothing to warn about. */
  public static List<String> of(ConnectorDefinition definition) {
    List<String> warnings = new ArrayList<>(ErrorRuleWarnings.of(definition));
    List<AuthTypeDefinition> authTypes = definition.authTypes();
    for (int i = 0; i < authTypes.size(); i++) {
      AuthTypeDefinition type = authTypes.get(i);
      if (type.kind() == AuthTypeDefinition.Kind.API_KEY && "query".equals(type.apiKey().in())) {
        warnings.add("/authTypes/" + i + "/apiKey: the key of '" + type.id() + "' goes in the query parameter '"
            + type.apiKey().name() + "', so it is part of every request's URL, which the provider's servers and "
            + "any proxy on the way may log. Patchbay sends it only to the connection's API host and never shows "
            + "a URL's query; use a header instead if the provider accepts one");
      }
    }
    return warnings;
  }
}
