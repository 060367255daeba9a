package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.secrets.Secret;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Where a connection's credential goes on a request, by its auth type: {@code Authorization: Bearer} for OAuth and
 * pasted bearer tokens, {@code Authorization: Basic} for basic (whose stored credential is the encoded pair), and
 * a header or query parameter with an optional prefix for an api-key.
 *
 * <p>A key in the query travels in the URL, which servers, proxies and browsers log and redirects carry along: it
 * goes only to the connection's own API origin (a download redirected to another host gets none), and everything
 * the host shows of a URL (labels, messages, run records) names its host or path template, never its query.
 *
 * @param header the header's name, or null when the credential goes in the query
 * @param queryParameter the query parameter's name, or null when it goes in a header
 * @param apiOrigin the connection's API origin, the only one a query credential goes to; null for a header
 */
record CredentialPlacement(String header, String prefix, String queryParameter, HttpUrl apiOrigin) {

  static final CredentialPlacement BEARER = new CredentialPlacement("Authorization", "Bearer ", null, null);

  /**
   * The placement for a connection of {@code authType} whose API is at {@code baseUrl}; bearer when the definition
   * no longer has the auth type.
   */
  static CredentialPlacement of(AuthTypeDefinition authType, String baseUrl) {
    if (authType == null) {
      return BEARER;
    }
    return switch (authType.kind()) {
      case BASIC -> new CredentialPlacement("Authorization", "Basic ", null, null);
      case API_KEY -> {
        AuthTypeDefinition.ApiKey key = authType.apiKey();
        String prefix = key.prefix() == null ? "" : key.prefix();
        yield key.in().equals("query") ? new CredentialPlacement(null, prefix, key.name(), HttpUrl.parse(baseUrl))
            : new CredentialPlacement(key.name(), prefix, null, null);
      }
      default -> BEARER;
    };
  }

  /** What is sent for {@code credential}: the prefix and the credential. */
  String value(Secret credential) {
    return prefix + credential.reveal();
  }

  /** Whether {@code request} carries {@code value} already, in this placement's header. */
  boolean carries(Request request, String value) {
    return header != null && value.equals(request.header(header));
  }

  /**
   * Adds {@code value} to a request being built, when it goes in a header; a credential for the query is left to
   * {@link #apply}, which sends it to the API origin only.
   */
  void addTo(Request.Builder request, String value) {
    if (header != null) {
      request.header(header, value);
    }
  }

  /** {@code request} carrying {@code value}, this placement's {@link #value} of the credential. */
  Request apply(Request request, String value) {
    if (header != null) {
      return request.newBuilder().header(header, value).build();
    }
    HttpUrl url = request.url();
    if (apiOrigin == null || !url.scheme().equals(apiOrigin.scheme()) || !url.host().equals(apiOrigin.host())
        || url.port() != apiOrigin.port()) {
      return request;
    }
    return request.newBuilder()
        .url(request.url().newBuilder().setQueryParameter(queryParameter, value).build())
        .build();
  }
}
