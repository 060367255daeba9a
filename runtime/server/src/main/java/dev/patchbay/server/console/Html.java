package dev.patchbay.server.console;

/** Building HTML by hand: every value that came from outside goes through {@link #escape}. */
final class Html {

  static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
      header{background:#1d3557;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
      header a{color:#fff;text-decoration:none}header form{margin-left:auto}
      main{padding:1rem 1.2rem;max-width:72rem}
      table{border-collapse:collapse;width:100%;background:#fff}
      th,td{border:1px solid #d6dbe1;padding:.35rem .5rem;text-align:left;vertical-align:top}
      th{background:#eef1f4}
      pre{background:#fff;border:1px solid #d6dbe1;padding:.6rem;overflow:auto;max-height:30rem}
      label{display:block;margin:.5rem 0 .15rem;font-weight:600}
      input,select,textarea{font:inherit;padding:.25rem;min-width:20rem}
      .hint{color:#56606b;font-size:.9em;font-weight:400}
      .error{background:#fdecea;border:1px solid #e3a19a;padding:.6rem}
      .ok{background:#e8f5e9;border:1px solid #9ccc9f;padding:.6rem}
      .warning{background:#fff8e1;border:1px solid #e0c46c;padding:.6rem;margin:.6rem 0}
      .status-ACTIVE,.status-SUCCEEDED{color:#1b7a2b}.status-NEEDS_REAUTH,.status-FAILED{color:#b3261e}
      .status-SHADOWED,.status-DRAINING{color:#8a5a00}
      """;

  private Html() {}

  /** Text or attribute value, safe inside elements and quoted attributes. */
  static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** An instant to the second, as the CLI shows it ({@code 2026-12-07T13:58:37Z}); "" for none. */
  static String time(java.time.Instant instant) {
    return instant == null ? "" : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** A whole page; {@code csrf} is null on pages outside a session (the sign-in page), which have no sign-out. */
  static String page(String title, String csrf, String body) {
    return page(title, csrf, body, 0);
  }

  /**
   * A whole page that reloads itself every {@code refreshSeconds} (0: never), for following a run without a script
   * (the console's content security policy allows none).
   */
  static String page(String title, String csrf, String body, int refreshSeconds) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append(refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape(title)).append(" · Patchbay</title>")
        .append("<link rel=\"stylesheet\" href=\"/console/style.css\"></head><body><header><strong>Patchbay</strong>");
    if (csrf != null) {
      html.append("<a href=\"/console/connectors\">Connectors</a><a href=\"/console/connections\">Connections</a>")
          .append("<a href=\"/console/workflows\">Workflows</a><a href=\"/console/runs\">Runs</a>")
          .append("<a href=\"/console/plugins\">Plugins</a>")
          .append("<form method=\"post\" action=\"/console/logout\">").append(csrfField(csrf))
          .append("<button type=\"submit\">Sign out</button></form>");
    }
    html.append("</header><main><h1>").append(escape(title)).append("</h1>").append(body)
        .append("</main></body></html>\n");
    return html.toString();
  }

  static String csrfField(String csrf) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">";
  }
}
