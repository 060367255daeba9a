package dev.patchbay.zoom.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's own HTTP endpoints under {@code /_sandbox}, outside anything Zoom has, for clients that cannot call
 * {@link SandboxControl} directly (a runtime that loaded the plugin in its own class loader, a shell script):
 *
 * <ul>
 *   <li>{@code GET /_sandbox}: URLs, sandbox connection fields per auth type, users, settings and faults.
 *   <li>{@code POST /_sandbox/control} with a JSON object of any of these keys, applied in order (then as GET):
 *       {@code accessTokenLifetimeSeconds}, {@code rateLimits} ({@code {"light":2,"medium":1}}),
 *       {@code dailyMeetingWriteLimit}, {@code grantedScopes} ({@code {"<clientId>":["meeting:read",…]}}),
 *       {@code autoApprove}, {@code signedInUser}, {@code adminPreApprovalRequired},
 *       {@code revokeApp} ({@code {"user":"…","clientId":"…"}}), {@code latencyMillis},
 *       {@code dropConnections} / {@code loseResponses} ({@code {"count":2,"pathPrefix":"/oauth/token"}}),
 *       {@code serverErrors} ({@code {"count":3,"status":503,"pathPrefix":"/v2"}}; a 5xx or 429), {@code clearFaults},
 *       {@code expireAccessTokens}, {@code startMeeting} (a meeting id).
 *   <li>{@code GET /_sandbox/requests?pathPrefix=/v2} or {@code ?grantType=refresh_token}: {@code {"count":n}}.
 *   <li>{@code POST /_sandbox/webhooks} with {@code {url, secretToken, event, meetingId, times}}: sends a signed
 *       webhook as Zoom does (see {@link WebhookSender}).
 * </ul>
 *
 * Control requests are never delayed, dropped or counted.
 */
final class ControlEndpoint {

  private final Services services;
  private final SandboxControl control;
  private final RunningZoomSandbox sandbox;
  private final WebhookSender webhooks;

  ControlEndpoint(Services services, SandboxControl control, RunningZoomSandbox sandbox) {
    this.services = services;
    this.control = control;
    this.sandbox = sandbox;
    this.webhooks = new WebhookSender(services);
  }

  Response handle(Request request) {
    try {
      switch (request.method() + " " + request.path()) {
        case "GET /_sandbox":
          return Response.json(200, describe());
        case "POST /_sandbox/control":
          apply(request.jsonObject());
          return Response.json(200, describe());
        case "GET /_sandbox/requests":
          return Response.json(200, count(request.query()));
        case "POST /_sandbox/webhooks":
          return Response.json(200, webhooks.send(request.jsonObject()));
        default:
          return problem(404, "no such sandbox endpoint: " + request.method() + " " + request.path());
      }
    } catch (IllegalArgumentException e) {
      return problem(400, e.getMessage());
    } catch (ApiError e) {
      return problem(400, "the body must be a JSON object");
    }
  }

  private void apply(ObjectNode changes) {
    for (Map.Entry<String, JsonNode> change : changes.properties()) {
      JsonNode value = change.getValue();
      switch (change.getKey()) {
        case "accessTokenLifetimeSeconds" -> control.accessTokenLifetime(Duration.ofSeconds(number(change)));
        case "rateLimits" -> value.properties().forEach(limit -> control.rateLimit(
            category(limit.getKey()), (int) number(limit)));
        case "dailyMeetingWriteLimit" -> control.dailyMeetingWriteLimit((int) number(change));
        case "grantedScopes" -> value.properties().forEach(app -> {
          List<String> scopes = new ArrayList<>();
          app.getValue().forEach(scope -> scopes.add(scope.asString()));
          control.grantedScopes(app.getKey(), scopes);
        });
        case "autoApprove" -> control.autoApprove(flag(change));
        case "signedInUser" -> control.signedInUser(text(value, change.getKey()));
        case "adminPreApprovalRequired" -> control.adminPreApprovalRequired(flag(change));
        case "revokeApp" -> control.revokeApp(text(value.path("user"), "revokeApp.user"),
            text(value.path("clientId"), "revokeApp.clientId"));
        case "latencyMillis" -> control.latency(Duration.ofMillis(number(change)));
        case "downloadBytesPerSecond" -> control.downloadBytesPerSecond(number(change));
        case "dropConnections" -> control.dropConnections((int) number(value, "count"), prefix(value));
        case "loseResponses" -> control.loseResponses((int) number(value, "count"), prefix(value));
        case "serverErrors" -> control.serverErrors((int) number(value, "count"), (int) number(value, "status"),
            prefix(value));
        case "clearFaults" -> {
          if (flag(change)) {
            control.clearFaults();
          }
        }
        case "expireAccessTokens" -> {
          if (flag(change)) {
            control.expireAccessTokens();
          }
        }
        case "startMeeting" -> control.startMeeting(number(change));
        default -> throw new IllegalArgumentException("unknown control key: " + change.getKey());
      }
    }
  }

  private ObjectNode describe() {
    ObjectNode root = SandboxJson.object();
    root.put("baseUrl", sandbox.baseUrl());
    root.put("authorizeUrl", sandbox.authorizeUrl());
    root.put("tokenUrl", sandbox.tokenUrl());
    root.put("revokeUrl", sandbox.revokeUrl());
    ObjectNode connections = root.putObject("connections");
    for (SandboxApp app : SandboxApp.ALL) {
      ObjectNode fields = connections.putObject(app.authTypeId());
      sandbox.connectionFields(app.authTypeId()).forEach(fields::put);
    }
    ArrayNode users = root.putArray("users");
    for (ObjectNode user : services.state().users()) {
      ObjectNode entry = users.addObject();
      entry.put("id", Users.id(user));
      entry.put("email", Users.email(user));
      entry.put("display_name", user.path("display_name").asString());
    }
    Settings settings = services.settings();
    ObjectNode settingsNode = root.putObject("settings");
    settingsNode.put("accessTokenLifetimeSeconds", settings.accessTokenLifetime().toSeconds());
    ObjectNode rateLimits = settingsNode.putObject("rateLimits");
    for (RateLimitCategory category : RateLimitCategory.values()) {
      rateLimits.put(category.name().toLowerCase(Locale.ROOT), settings.perSecond(category));
    }
    settingsNode.put("dailyMeetingWriteLimit", settings.dailyMeetingWrites());
    settingsNode.put("autoApprove", settings.autoApprove());
    ObjectNode scopes = settingsNode.putObject("grantedScopes");
    for (SandboxApp app : SandboxApp.ALL) {
      ArrayNode granted = scopes.putArray(app.clientId());
      settings.grantedScopes(app).forEach(granted::add);
    }
    Faults faults = services.faults();
    ObjectNode faultsNode = root.putObject("faults");
    faultsNode.put("adminPreApprovalRequired", faults.adminPreApprovalRequired());
    faultsNode.put("latencyMillis", faults.latency().toMillis());
    faultsNode.put("downloadBytesPerSecond", faults.downloadBytesPerSecond());
    burst(faultsNode.putObject("dropConnections"), faults.droppedConnections().get());
    burst(faultsNode.putObject("loseResponses"), faults.lostResponses().get());
    ObjectNode errors = faultsNode.putObject("serverErrors");
    burst(errors, faults.serverErrors().get());
    errors.put("status", faults.serverErrors().get().status());
    return root;
  }

  private ObjectNode count(Map<String, String> query) {
    ObjectNode body = SandboxJson.object();
    if (query.containsKey("grantType")) {
      body.put("count", control.tokenRequestCount(query.get("grantType")));
    } else if ("true".equals(query.get("ranged"))) {
      body.put("count", control.rangedRequestCount(query.getOrDefault("pathPrefix", "/")));
    } else {
      body.put("count", control.requestCount(query.getOrDefault("pathPrefix", "/")));
    }
    return body;
  }

  private static void burst(ObjectNode node, Faults.Burst burst) {
    node.put("count", burst.remaining());
    node.put("pathPrefix", burst.pathPrefix());
  }

  private static RateLimitCategory category(String name) {
    try {
      return RateLimitCategory.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown rate-limit category: " + name, e);
    }
  }

  private static long number(Map.Entry<String, JsonNode> entry) {
    return number(entry.getValue(), entry.getKey());
  }

  private static long number(JsonNode value, String name) {
    JsonNode node = value.isObject() ? value.path(name) : value;
    if (!node.isIntegralNumber()) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    return node.asLong();
  }

  private static boolean flag(Map.Entry<String, JsonNode> entry) {
    if (!entry.getValue().isBoolean()) {
      throw new IllegalArgumentException(entry.getKey() + " must be true or false");
    }
    return entry.getValue().asBoolean();
  }

  private static String text(JsonNode value, String name) {
    if (!value.isString()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return value.asString();
  }

  private static String prefix(JsonNode value) {
    return value.path("pathPrefix").asString("/");
  }

  private static Response problem(int status, String message) {
    ObjectNode body = SandboxJson.object();
    body.put("error", message);
    return Response.json(status, body);
  }
}
