package dev.patchbay.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One request to the provider's API, relative to the connection's base URL. Path parameters are written as
 * {@code {name}} in the path template and percent-encoded once when expanded.
 */
public final class ApiRequest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private final String method;
  private final String pathTemplate;
  private final Map<String, String> pathParams;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final JsonNode body;
  private final Map<String, String> form;

  private ApiRequest(Builder builder) {
    this.method = builder.method;
    this.pathTemplate = builder.pathTemplate;
    this.pathParams = copy(builder.pathParams);
    this.query = copy(builder.query);
    this.headers = copy(builder.headers);
    this.body = builder.body;
    this.form = builder.form == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(builder.form));
  }

  /** An unmodifiable copy in the same order; most requests have no parameters, query or headers of their own. */
  private static Map<String, String> copy(Map<String, String> entries) {
    return entries == null || entries.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public static Builder get(String pathTemplate) {
    return new Builder("GET", pathTemplate);
  }

  public static Builder post(String pathTemplate) {
    return new Builder("POST", pathTemplate);
  }

  public static Builder patch(String pathTemplate) {
    return new Builder("PATCH", pathTemplate);
  }

  public static Builder put(String pathTemplate) {
    return new Builder("PUT", pathTemplate);
  }

  public static Builder delete(String pathTemplate) {
    return new Builder("DELETE", pathTemplate);
  }

  public String method() {
    return method;
  }

  public String pathTemplate() {
    return pathTemplate;
  }

  /** The path with every parameter percent-encoded (RFC 3986 path segment). */
  public String path() {
    if (pathParams.isEmpty()) {
      return pathTemplate; // build() saw that it has no placeholders
    }
    Matcher matcher = PLACEHOLDER.matcher(pathTemplate);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = pathParams.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(PathSegments.encode(value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  public Map<String, String> pathParams() {
    return pathParams;
  }

  /** Query parameters in the order they were added. */
  public Map<String, String> query() {
    return query;
  }

  /** Request headers the operation sets, in the order they were added (the host sets authorization itself). */
  public Map<String, String> headers() {
    return headers;
  }

  /** The JSON body, or null for none. */
  public JsonNode body() {
    return body;
  }

  /** The form body ({@code application/x-www-form-urlencoded}), or null for none. */
  public Map<String, String> form() {
    return form;
  }

  /** A copy with one query parameter set (replacing an earlier value), e.g. the next page's cursor. */
  public ApiRequest withQuery(String name, String value) {
    Builder builder = toBuilder();
    builder.query().put(name, value);
    return builder.build();
  }

  public Builder toBuilder() {
    Builder builder = new Builder(method, pathTemplate);
    builder.pathParams().putAll(pathParams);
    builder.query().putAll(query);
    builder.headers().putAll(headers);
    builder.body = body;
    builder.form = form == null ? null : new LinkedHashMap<>(form);
    return builder;
  }

  @Override
  public String toString() {
    return method + " " + pathTemplate;
  }

  /** Builds an {@link ApiRequest}; every placeholder of the template must get a value. */
  public static final class Builder {
    private final String method;
    private final String pathTemplate;
    // Made on first use: most requests have no parameters, query or headers of their own.
    private Map<String, String> pathParams;
    private Map<String, String> query;
    private Map<String, String> headers;
    private JsonNode body;
    private Map<String, String> form;

    private Builder(String method, String pathTemplate) {
      this.method = method;
      this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
      if (!pathTemplate.startsWith("/")) {
        throw new IllegalArgumentException("path template must start with '/': " + pathTemplate);
      }
    }

    public Builder pathParam(String name, String value) {
      pathParams().put(name, Objects.requireNonNull(value, () -> "path parameter " + name));
      return this;
    }

    /** Adds a query parameter; a null value is left out, so optional inputs can be passed straight through. */
    public Builder query(String name, String value) {
      if (value != null) {
        query().put(name, value);
      }
      return this;
    }

    /**
     * Sets a request header, replacing an earlier value; {@code Authorization} is the host's and cannot be set (a
     * plugin never holds credentials).
     */
    public Builder header(String name, String value) {
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException("the Authorization header is set by the host from the connection");
      }
      headers().put(name, Objects.requireNonNull(value, () -> "header " + name));
      return this;
    }

    /** The JSON body, of JSON values only: a body holding a Java object (a POJO node) is refused, never sent. */
    public Builder body(JsonNode body) {
      this.body = body;
      this.form = null;
      return this;
    }

    /** A form body ({@code application/x-www-form-urlencoded}) instead of JSON. */
    public Builder form(Map<String, String> fields) {
      this.form = new LinkedHashMap<>(fields);
      this.body = null;
      return this;
    }

    public ApiRequest build() {
      Matcher matcher = pathTemplate.indexOf('{') < 0 ? null : PLACEHOLDER.matcher(pathTemplate);
      while (matcher != null && matcher.find()) {
        if (pathParams == null || !pathParams.containsKey(matcher.group(1))) {
          throw new IllegalStateException(
              "path parameter '" + matcher.group(1) + "' of " + pathTemplate + " has no value");
        }
      }
      return new ApiRequest(this);
    }

    private Map<String, String> pathParams() {
      if (pathParams == null) {
        pathParams = new LinkedHashMap<>();
      }
      return pathParams;
    }

    private Map<String, String> query() {
      if (query == null) {
        query = new LinkedHashMap<>();
      }
      return query;
    }

    private Map<String, String> headers() {
      if (headers == null) {
        headers = new LinkedHashMap<>();
      }
      return headers;
    }
  }
}
