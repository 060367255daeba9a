package dev.patchbay.zoom.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /oauth/authorize}. A request that names no known user-authorized app or no acceptable redirect URI ends on
 * an error page (RFC 6749 §4.1.2.1: never redirect to an unverified URI); anything else ends in a redirect to the
 * client with a code or an error. Like an app registered with "http://127.0.0.1" as Redirect URL and Allow List
 * entry, the sandbox apps accept loopback HTTP redirect URIs on any port and path.
 */
final class AuthorizeEndpoint {

  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");
  /** The parameters carried through the consent form. */
  private static final String[] PASSED_ON =
      {"response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method"};

  private final Services services;

  AuthorizeEndpoint(Services services) {
    this.services = services;
  }

  Response handle(Request request) {
    boolean decision = request.method().equals("POST");
    if (!decision && !request.method().equals("GET")) {
      return Response.html(405, ConsentPage.error("Method not allowed."));
    }
    Map<String, String> parameters = decision ? request.parameters() : request.query();
    SandboxApp app = SandboxApp.byClientId(parameters.getOrDefault("client_id", "")).orElse(null);
    if (app == null || app.accountLevel()) {
      return Response.html(400, ConsentPage.error("Invalid client_id: " + parameters.getOrDefault("client_id", "")
          + " (4,702)"));
    }
    String redirectUri = parameters.get("redirect_uri");
    if (!acceptable(redirectUri)) {
      return Response.html(400, ConsentPage.error("Invalid redirect: " + (redirectUri == null ? "(none)" : redirectUri)
          + " does not match the app's Redirect URL or OAuth Allow List (4,709)"));
    }
    if (!"code".equals(parameters.get("response_type"))) {
      return Response.html(400, ConsentPage.error("Invalid request: response_type must be code (4,700)"));
    }
    String challenge = emptyToNull(parameters.get("code_challenge"));
    // Zoom's default when the method is left out is "plain".
    String method = parameters.getOrDefault("code_challenge_method", "plain");
    if (challenge != null && !method.equals("S256") && !method.equals("plain")) {
      return Response.html(400, ConsentPage.error("Invalid request: unsupported code_challenge_method " + method
          + " (4,700)"));
    }
    String state = parameters.get("state");
    if (services.faults().adminPreApprovalRequired()) {
      return redirect(redirectUri, "error", "access_denied", "error_description",
          "Your account admin must pre-approve " + app.name() + " before you can add it. Request pre-approval from "
              + "your admin.", "state", state);
    }
    if (decision) {
      if (!"allow".equals(parameters.get("decision"))) {
        return redirect(redirectUri, "error", "access_denied", "state", state);
      }
      ObjectNode user = services.state().user(parameters.getOrDefault("user_id", ""));
      if (user == null || !"active".equals(user.path("status").asString())) {
        return Response.html(400, ConsentPage.error("Unknown or inactive user: " + parameters.get("user_id")));
      }
      return approve(app, user, redirectUri, challenge, method, state);
    }
    if (services.settings().autoApprove()) {
      // A user chosen as signed in (the control's signedInUser) wins over a new user per sign-in.
      ObjectNode user = services.settings().newUserPerSignIn() && services.settings().signedInUserId() == null
          ? services.state().newUser(services.clock().instant(), new Ids()) : signedInUser();
      return approve(app, user, redirectUri, challenge, method, state);
    }
    ObjectNode signedIn = signedInUser();
    Map<String, String> passedOn = new LinkedHashMap<>();
    for (String name : PASSED_ON) {
      if (parameters.containsKey(name)) {
        passedOn.put(name, parameters.get(name));
      }
    }
    return Response.html(200, ConsentPage.render(app, services.settings().grantedScopes(app),
        services.state().users().stream().filter(u -> "active".equals(u.path("status").asString())).toList(),
        Users.id(signedIn), passedOn));
  }

  private Response approve(SandboxApp app, ObjectNode user, String redirectUri, String challenge, String method,
      String state) {
    String code = services.grants().issueCode(app, Users.id(user), redirectUri, challenge, method);
    return redirect(redirectUri, "code", code, "state", state);
  }

  private ObjectNode signedInUser() {
    String id = services.settings().signedInUserId();
    ObjectNode user = id == null ? null : services.state().user(id);
    return user == null ? services.state().owner() : user;
  }

  /** The redirect URI with the given name/value pairs added to its query; null values are left out. */
  private static Response redirect(String redirectUri, String... pairs) {
    StringBuilder location = new StringBuilder(redirectUri);
    char separator = redirectUri.contains("?") ? '&' : '?';
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        location.append(separator).append(pairs[i]).append('=')
            .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return Response.redirect(location.toString());
  }

  private static boolean acceptable(String redirectUri) {
    if (redirectUri == null) {
      return false;
    }
    try {
      URI uri = new URI(redirectUri);
      String host = uri.getHost();
      return "http".equals(uri.getScheme()) && host != null
          && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT)) && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
