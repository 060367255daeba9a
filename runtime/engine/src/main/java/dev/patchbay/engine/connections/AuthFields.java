package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what a user entered against an auth type's fields: every required field given, no unknown field, secret
 * fields only as secrets (never in the plain map, which is stored readable in the connection record). Problems are
 * named by field, never by value.
 */
final class AuthFields {

  private AuthFields() {}

  static void check(AuthTypeDefinition authType, Map<String, String> fields, Map<String, Secret> secrets)
      throws ConnectorException {
    List<String> problems = new ArrayList<>();
    Set<String> known = new TreeSet<>();
    for (FieldDefinition field : authType.fieldList()) {
      known.add(field.name());
      boolean given = field.secret() ? present(secrets.get(field.name())) : present(fields.get(field.name()));
      if (field.secret() && fields.containsKey(field.name())) {
        problems.add(field.name() + " is a secret and must not be stored as a plain field");
      } else if (!field.secret() && secrets.containsKey(field.name())) {
        problems.add(field.name() + " is not a secret field");
      } else if (field.required() && !given) {
        problems.add(field.name() + " is required" + (field.description().isEmpty() ? "" : " (" + field.description()
            + ")"));
      }
    }
    Set<String> unknown = new TreeSet<>(fields.keySet());
    unknown.addAll(secrets.keySet());
    unknown.removeAll(known);
    for (String name : unknown) {
      problems.add("auth type " + authType.id() + " has no field '" + name + "'"
          + (known.isEmpty() ? " (it takes none)" : "; its fields are " + known));
    }
    if (!problems.isEmpty()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, String.join("; ", problems));
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static boolean present(Secret value) {
    return value != null && !value.isEmpty();
  }
}
