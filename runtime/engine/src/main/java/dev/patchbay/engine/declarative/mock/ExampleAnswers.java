package dev.patchbay.engine.declarative.mock;

import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.HttpOperation;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.PaginationDefinition;
import dev.patchbay.engine.definitions.ScopeDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire answers of a declarative connector's mock: for each operation, the HTTP answer from which the runtime's
 * own output extraction (pointer, headers, items, the {@code ok} flag) gives back the operation's first example;
 * for each identify call, an answer naming a sandbox user with every scope of the definition.
 */
final class ExampleAnswers {

  /** An HTTP answer: status, headers and JSON body. */
  record Answer(int status, Map<String, String> headers, JsonNode body) {}

  private record Route(String method, Pattern path, OperationDefinition operation) {}

  static final String USER_ID = "sandbox-user";

  private final ConnectorDefinition definition;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, AuthTypeDefinition> identifyPaths = new LinkedHashMap<>();

  ExampleAnswers(ConnectorDefinition definition) {
    this.definition = definition;
    for (OperationDefinition operation : definition.operations()) {
      if (operation.declarative()) {
        routes.add(new Route(operation.http().method(), pathPattern(operation.http().path()), operation));
      }
    }
    for (AuthTypeDefinition authType : definition.authTypes()) {
      if (authType.identify() != null) {
        identifyPaths.putIfAbsent(authType.identify().path(), authType);
      }
    }
  }

  /** The answer to {@code method path} with the given query parameters. */
  Answer answer(String method, String path, Map<String, String> query) {
    AuthTypeDefinition identifying = identifyPaths.get(path);
    if ("GET".equals(method) && identifying != null) {
      return identity(identifying);
    }
    for (Route route : routes) {
      if (route.method().equals(method) && route.path().matcher(path).matches()) {
        return example(route.operation(), query);
      }
    }
    return error(404, "the " + definition.id() + " mock sandbox has no operation at " + method + " " + path);
  }

  /** An error answer in the shape a provider error has, with the reason in the body. */
  Answer error(int status, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("message", message);
    return new Answer(status, Map.of(), body);
  }

  private Answer example(OperationDefinition operation, Map<String, String> query) {
    if (operation.examples().isEmpty()) {
      return error(501, "operation '" + operation.id() + "' of " + definition.id()
          + " has no examples in its definition, so its mock sandbox cannot answer it");
    }
    JsonNode example = operation.examples().get(0).output();
    HttpOperation http = operation.http();
    int status = http.success().isEmpty() ? 200 : http.success().get(0);
    Map<String, String> headers = new LinkedHashMap<>();
    if (operation.paginated()) {
      PaginationDefinition pagination = operation.pagination();
      JsonNode items = example.path(http.output().itemsProperty());
      ArrayNode page = laterPage(pagination, query) ? JsonNodeFactory.instance.arrayNode()
          : items.isArray() ? ((ArrayNode) items).deepCopy() : JsonNodeFactory.instance.arrayNode();
      String itemsField = pagination.itemsField();
      if (itemsField.isEmpty()) {
        return new Answer(status, headers, page);
      }
      ObjectNode body = withOk(JsonNodeFactory.instance.objectNode());
      put(body, itemsField.startsWith("/") ? itemsField : "/" + itemsField, page);
      return new Answer(status, headers, body);
    }
    ObjectNode output = ((ObjectNode) example).deepCopy();
    http.output().headers().forEach((property, header) -> {
      JsonNode value = output.remove(property);
      if (value != null && !value.isNull()) {
        headers.put(header, value.asString());
      }
    });
    String pointer = http.output().pointer();
    if (pointer == null || pointer.isEmpty()) {
      return new Answer(status, headers, withOk(output));
    }
    ObjectNode body = withOk(JsonNodeFactory.instance.objectNode());
    put(body, pointer, output);
    return new Answer(status, headers, body);
  }

  /** Whether the request asks for a page after the first: the examples are one page, so it is empty. */
  private static boolean laterPage(PaginationDefinition pagination, Map<String, String> query) {
    String style = pagination.style() == null ? "cursor" : pagination.style();
    return switch (style) {
      case "offset" -> number(query.get(pagination.offsetParameter())) > 0;
      case "page" -> number(query.get(pagination.pageParameter()))
          > (pagination.firstPage() == null ? 1 : pagination.firstPage());
      default -> false;
    };
  }

  private static long number(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Answer identity(AuthTypeDefinition authType) {
    AuthTypeDefinition.Identify identify = authType.identify();
    ObjectNode body = withOk(JsonNodeFactory.instance.objectNode());
    put(body, identify.userId(), JsonNodeFactory.instance.stringNode(USER_ID));
    Optional.ofNullable(identify.displayName())
        .ifPresent(pointer -> put(body, pointer, JsonNodeFactory.instance.stringNode("Sandbox user")));
    Optional.ofNullable(identify.accountId())
        .ifPresent(pointer -> put(body, pointer, JsonNodeFactory.instance.stringNode("sandbox-account")));
    Optional.ofNullable(identify.email())
        .ifPresent(pointer -> put(body, pointer, JsonNodeFactory.instance.stringNode("sandbox@example.invalid")));
    Map<String, String> headers = new LinkedHashMap<>();
    AuthTypeDefinition.GrantedScopes granted = authType.grantedScopes();
    if (granted != null && "header".equals(granted.from())) {
      // The sandbox user may do everything the connector asks for.
      headers.put(granted.header(), definition.scopes().stream().map(ScopeDefinition::name)
          .collect(Collectors.joining(granted.separator() == null ? "," : granted.separator())));
    }
    return new Answer(200, headers, body);
  }

  /** The body with the success flag set where the definition's error format reads it (Slack's {@code ok}). */
  private ObjectNode withOk(ObjectNode body) {
    if (definition.errorFormat().okPointer() != null) {
      put(body, definition.errorFormat().okPointer(), JsonNodeFactory.instance.booleanNode(true));
    }
    return body;
  }

  /** Puts {@code value} at a JSON pointer of object members, creating the objects on the way. */
  private static void put(ObjectNode root, String pointer, JsonNode value) {
    String[] tokens = pointer.substring(1).split("/", -1);
    ObjectNode parent = root;
    for (int i = 0; i < tokens.length - 1; i++) {
      String token = unescape(tokens[i]);
      JsonNode child = parent.get(token);
      parent = child instanceof ObjectNode object ? object : parent.putObject(token);
    }
    parent.set(unescape(tokens[tokens.length - 1]), value);
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static Pattern pathPattern(String template) {
    StringBuilder regex = new StringBuilder();
    java.util.regex.Matcher matcher = Pattern.compile("\\{[^}]+}").matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("[^/]+");
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
