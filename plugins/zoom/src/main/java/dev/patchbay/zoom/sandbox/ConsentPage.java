package dev.patchbay.zoom.sandbox;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTML a person sees at /oauth/authorize without auto-approve: which app asks for what, who is signing in, and
 * Allow / Deny buttons that post the decision back. Plain HTML with no script, so any browser (or a test) can drive
 * it.
 */
final class ConsentPage {

  private ConsentPage() {}

  static String render(SandboxApp app, List<String> scopes, List<ObjectNode> users, String signedInUserId,
      Map<String, String> request) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorize ")
        .append(escape(app.name())).append(" - Zoom sandbox</title>")
        .append("<style>body{font-family:sans-serif;max-width:36em;margin:3em auto}button{margin-right:1em}</style>")
        .append("</head><body>\n<h1>Zoom sandbox</h1>\n<p><strong>").append(escape(app.name()))
        .append("</strong> would like to access your Zoom account. It will be able to:</p>\n<ul>\n");
    for (String scope : scopes) {
      html.append("<li><code>").append(escape(scope)).append("</code></li>\n");
    }
    html.append("</ul>\n<form method=\"post\" action=\"/oauth/authorize\">\n");
    for (Map.Entry<String, String> parameter : request.entrySet()) {
      html.append("<input type=\"hidden\" name=\"").append(escape(parameter.getKey())).append("\" value=\"")
          .append(escape(parameter.getValue())).append("\">\n");
    }
    html.append("<p><label>Signed in as <select name=\"user_id\">\n");
    for (ObjectNode user : users) {
      String id = Users.id(user);
      html.append("<option value=\"").append(escape(id)).append('"')
          .append(id.equals(signedInUserId) ? " selected" : "").append('>')
          .append(escape(user.path("display_name").asString())).append(" (").append(escape(Users.email(user)))
          .append(")</option>\n");
    }
    html.append("</select></label></p>\n")
        .append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>")
        .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Decline</button>\n")
        .append("</form>\n</body></html>\n");
    return html.toString();
  }

  /** A page for a request that cannot be sent back to the client (unknown app, bad redirect URI). */
  static String error(String message) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error - Zoom sandbox</title>"
        + "</head><body>\n<h1>Oops! We can't continue</h1>\n<p>" + escape(message) + "</p>\n</body></html>\n";
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
