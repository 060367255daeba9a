package dev.patchbay.engine.connections;

import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values entered as text (a form, a JSON body, a sandbox's fields) sorted by an auth type's fields: secret ones
 * become {@link Secret}s at once, empty ones count as not given, and names the auth type has no field for stay plain,
 * so that {@link Connections#add} refuses them by name.
 */
public record FieldValues(Map<String, String> plain, Map<String, Secret> secrets) {

  public static FieldValues split(AuthTypeDefinition authType, Map<String, String> values) {
    Map<String, String> plain = new LinkedHashMap<>(values);
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (FieldDefinition field : authType.fieldList()) {
      String value = plain.remove(field.name());
      if (value == null || value.isEmpty()) {
        continue;
      }
      if (field.secret()) {
        secrets.put(field.name(), Secret.of(value));
      } else {
        plain.put(field.name(), value);
      }
    }
    return new FieldValues(plain, secrets);
  }
}
