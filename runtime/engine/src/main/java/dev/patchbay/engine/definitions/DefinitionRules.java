package dev.patchbay.engine.definitions;

import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.schema.SchemaViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/** The rules of a definition that its meta-schema cannot express. Runs on a document the meta-schema accepted. */
final class DefinitionRules {

  private final String source;
  private final JsonNode document;
  private final List<DefinitionProblem> problems = new ArrayList<>();
  private final Map<String, JsonNode> shared = new HashMap<>();

  DefinitionRules(String source, JsonNode document) {
    this.source = source;
    this.document = document;
    document.path("$defs").properties().forEach(entry -> shared.put(entry.getKey(), entry.getValue()));
  }

  List<DefinitionProblem> check() {
    Set<String> scopes = uniqueNames("/scopes", "name", "scope");
    uniqueNames("/authTypes", "id", "auth type");
    uniqueNames("/operations", "id", "operation");
    checkAuthTypes();
    checkOperations(scopes);
    checkErrors();
    new HttpOperationRules(document, this::add).check();
    return problems;
  }

  private Set<String> uniqueNames(String arrayPointer, String key, String what) {
    Map<String, Integer> seen = new HashMap<>();
    JsonNode array = document.at(arrayPointer);
    for (int i = 0; i < array.size(); i++) {
      String name = array.get(i).path(key).asString();
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        add(arrayPointer + "/" + i + "/" + key,
            "duplicate " + what + " " + key + " '" + name + "' (first at " + arrayPointer + "/" + first + ")");
      }
    }
    return seen.keySet();
  }

  private void checkAuthTypes() {
    JsonNode authTypes = document.path("authTypes");
    for (int i = 0; i < authTypes.size(); i++) {
      JsonNode authType = authTypes.get(i);
      String pointer = "/authTypes/" + i;
      checkNestedSchema(pointer + "/fields", authType.path("fields"));
      checkPastedSecret(pointer, authType);
      if ("fields".equals(authType.path("clientCredentials").asString())) {
        JsonNode properties = authType.path("fields").path("properties");
        requireField(pointer, properties, "clientId", false);
        requireField(pointer, properties, "clientSecret", true);
      }
    }
  }

  /** api-key and bearer-token take one secret the user pastes; basic takes username and password. */
  private void checkPastedSecret(String pointer, JsonNode authType) {
    String kind = authType.path("kind").asString();
    JsonNode properties = authType.path("fields").path("properties");
    if (kind.equals("basic")) {
      requireField(pointer, properties, "username", false, "kind is 'basic'");
      requireField(pointer, properties, "password", true, "kind is 'basic'");
    } else if (kind.equals("api-key") || kind.equals("bearer-token")) {
      List<String> secrets = new ArrayList<>();
      properties.properties().forEach(field -> {
        if (field.getValue().path("writeOnly").asBoolean(false)) {
          secrets.add(field.getKey());
        }
      });
      if (secrets.size() != 1) {
        add(pointer + "/fields/properties", "kind '" + kind + "' takes exactly one secret field (marked "
            + "\"writeOnly\": true), the key or token the user pastes; found " + secrets);
      }
    }
    JsonNode scopes = authType.path("grantedScopes");
    if ("header".equals(scopes.path("from").asString()) && authType.path("identify").isMissingNode()
        && !kind.startsWith("oauth2")) {
      add(pointer + "/grantedScopes", "scopes read from a header need the identify call that answers with it");
    }
  }

  private void requireField(String pointer, JsonNode properties, String name, boolean secret) {
    requireField(pointer, properties, name, secret, "clientCredentials is 'fields'");
  }

  private void requireField(String pointer, JsonNode properties, String name, boolean secret, String because) {
    JsonNode field = properties.path(name);
    if (field.isMissingNode()) {
      add(pointer + "/fields/properties", because + ", so the fields must declare '" + name + "'");
    } else if (secret && !field.path("writeOnly").asBoolean(false)) {
      add(pointer + "/fields/properties/" + name, "'" + name + "' is a secret and must be marked \"writeOnly\": true");
    }
  }

  private void checkOperations(Set<String> scopes) {
    Set<String> rateCategories = new HashSet<>(document.path("rateLimitCategories").propertyNames());
    JsonNode operations = document.path("operations");
    for (int i = 0; i < operations.size(); i++) {
      JsonNode operation = operations.get(i);
      String pointer = "/operations/" + i;
      // With the shared $defs the schema refers to, as it is compiled to run.
      checkNestedSchema(pointer + "/input", SharedSchemas.with(operation.path("input"), shared));
      checkNestedSchema(pointer + "/output", SharedSchemas.with(operation.path("output"), shared));
      JsonNode alternatives = operation.path("requiredScopes");
      for (int a = 0; a < alternatives.size(); a++) {
        JsonNode set = alternatives.get(a);
        for (int s = 0; s < set.size(); s++) {
          String scope = set.get(s).asString();
          if (!scopes.contains(scope)) {
            add(pointer + "/requiredScopes/" + a + "/" + s,
                "operation '" + operation.path("id").asString() + "' requires scope '" + scope
                    + "', which is not declared in /scopes");
          }
        }
      }
      String category = operation.path("rateLimitCategory").asString();
      if (!rateCategories.contains(category)) {
        add(pointer + "/rateLimitCategory",
            "rate-limit category '" + category + "' is not declared in /rateLimitCategories " + rateCategories);
      }
    }
  }

  private void checkNestedSchema(String pointer, JsonNode schema) {
    for (SchemaViolation violation : JsonSchemas.checkSchema(schema)) {
      add(pointer + violation.pointer(), "not a valid JSON Schema: " + violation.message());
    }
  }

  private void checkErrors() {
    JsonNode errors = document.path("errors");
    for (int i = 0; i < errors.size(); i++) {
      JsonNode pattern = errors.get(i).path("messagePattern");
      if (pattern.isString()) {
        try {
          Pattern.compile(pattern.asString());
        } catch (PatternSyntaxException e) {
          add("/errors/" + i + "/messagePattern", "not a valid regular expression: " + e.getDescription());
        }
      }
    }
  }

  private void add(String pointer, String message) {
    problems.add(new DefinitionProblem(source, pointer, message));
  }
}
