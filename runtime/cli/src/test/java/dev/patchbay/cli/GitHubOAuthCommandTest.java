package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay connections add github --auth oauth --scope public_repo}: the sign-in the command prints asks GitHub
 * for exactly the scope named (with PKCE), and what it reports granted is GitHub's X-OAuth-Scopes. A MockWebServer
 * plays github.com's authorize page (approving at once), its token endpoint and the API.
 */
class GitHubOAuthCommandTest {

  private static final Pattern SIGN_IN_URL = Pattern.compile("(http://\\S+/login/oauth/authorize\\?\\S+)");
  private static final String CLIENT_SECRET = "canary-gh-secret-41c9";

  @TempDir
  Path home;

  private final MockWebServer github = new MockWebServer();
  private volatile HttpUrl authorizeRequest;

  @BeforeEach
  void start() throws Exception {
    github.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return switch (request.getUrl().encodedPath()) {
          case "/login/oauth/authorize" -> {
            authorizeRequest = request.getUrl();
            yield new MockResponse.Builder().code(302).addHeader("Location", HttpUrl.get(
                request.getUrl().queryParameter("redirect_uri")).newBuilder().addQueryParameter("code", "gh-code-1")
                .addQueryParameter("state", request.getUrl().queryParameter("state")).build().toString()).build();
          }
          case "/login/oauth/access_token" -> new MockResponse.Builder().code(200)
              .addHeader("Content-Type", "application/json")
              .body("{\"access_token\":\"gho_canary0123\",\"scope\":\"public_repo\",\"token_type\":\"bearer\"}").build();
          case "/user" -> new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
              .addHeader("X-OAuth-Scopes", "public_repo").body("{\"login\":\"octocat\",\"id\":1}").build();
          default -> new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build();
        };
      }
    });
    github.start();
    Files.copy(Path.of("..", "..", "connector-defs", "github.json"),
        Files.createDirectories(home.resolve("connectors")).resolve("github.json"));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void addAsksForTheScopesNamedAndReportsWhatGitHubGranted() throws Exception {
    String[] args = {"connections", "add", "github", "--auth", "oauth", "--name", "gh", "--field", "clientId=Iv1.app",
        "--field-stdin", "clientSecret", "--scope", "public_repo", "--no-browser",
        "--authorize-url", github.url("/login/oauth/authorize").toString(),
        "--token-url", github.url("/login/oauth/access_token").toString(),
        "--base-url", github.url("/").toString().replaceAll("/$", ""), "--home", home.toString()};
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream((CLIENT_SECRET + "\n").getBytes(StandardCharsets.UTF_8)));
    int exit;
    try {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
          () -> Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
      String url = null;
      for (int i = 0; i < 500 && url == null && !run.isDone(); i++) {
        Matcher matcher = SIGN_IN_URL.matcher(out.toString());
        if (matcher.find()) {
          url = matcher.group(1);
        } else {
          Thread.sleep(20);
        }
      }
      assertNotNull(url, "the command printed no sign-in address: " + out + err);
      try (Response landed = new OkHttpClient().newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals("/callback", landed.request().url().encodedPath());
      }
      exit = run.get(30, TimeUnit.SECONDS);
    } finally {
      System.setIn(original);
    }

    assertEquals(0, exit, out + "\n" + err);
    assertEquals("public_repo", authorizeRequest.queryParameter("scope"));
    assertEquals("S256", authorizeRequest.queryParameter("code_challenge_method"));
    assertTrue(out.toString().endsWith("Connected 'gh' (github, oauth) as octocat.\nGranted scopes: public_repo\n"),
        out.toString());
    assertFalse(out.toString().contains(CLIENT_SECRET) || err.toString().contains(CLIENT_SECRET));
  }
}
