package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay connections add} for each pasted-credential auth kind (api-key in a header and in the query,
 * bearer-token, basic), with the secret given each way the command takes one (never as an argument): standard input
 * ({@code --field-stdin}), the environment ({@code PATCHBAY_FIELD_<NAME>}, in a child process) and the hidden prompt
 * (a child process on a pseudo-terminal). Then {@code activity run} against a MockWebServer, which records the exact
 * credential each request carried; and a canary: the secret never appears in anything the commands print, in the
 * logs, in run records, or on a request to another host.
 */
class PastedCredentialsCommandTest {

  private static final String HEADER_KEY = "canary-hk-7f3a9e";
  /** With characters a URL's query percent-encodes, as the provider echoes them. */
  private static final String QUERY_KEY = "canary-qk-2b8d41/+=";
  private static final String QUERY_KEY_IN_URL = "canary-qk-2b8d41%2F%2B%3D";
  private static final String TOKEN = "canary-bt-c05e77";
  private static final String PASSWORD = "canary-pw-91aa3f";

  @TempDir
  Path home;

  private final MockWebServer provider = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
  private final List<String> shown = new ArrayList<>();
  /** The log of the in-process commands (slf4j-simple writes to System.err). */
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void start() throws IOException {
    originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    elsewhere.start();
    provider.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        String url = request.getUrl().toString();
        return switch (path) {
          case "/api/me" -> json(200, "{\"id\":\"u1\",\"name\":\"Ada\"}");
          case "/api/things/1" -> json(200, "{\"id\":\"1\",\"name\":\"One\"}");
          // A provider that echoes the whole request URL, query included, in its error body and a header.
          case "/api/things/echo" -> new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
              .addHeader("X-Request-Url", url).body("{\"message\":\"No thing at " + url + "\"}").build();
          case "/api/things/moved" -> new MockResponse.Builder().code(302)
              .addHeader("Location", elsewhere.url("/things/1").toString()).build();
          default -> json(404, "{\"message\":\"no route\"}");
        };
      }
    });
    provider.start();
    elsewhere.enqueue(json(200, "{\"id\":\"1\",\"name\":\"One, from elsewhere\"}"));
    Path connectors = Files.createDirectories(home.resolve("connectors"));
    try (InputStream definition = getClass().getResourceAsStream("/pasted/keyed.json")) {
      Files.copy(definition, connectors.resolve("keyed.json"));
    }
  }

  @AfterEach
  void stop() throws IOException {
    System.setErr(originalErr);
    provider.close();
    elsewhere.close();
  }

  @Test
  void apiKeyInAHeaderFromStandardInput() throws Exception {
    CliRun add = cli(CliRun.inHomeWithInput(home, HEADER_KEY + "\n", "connections", "add", "keyed", "--auth",
        "header-key", "--name", "hk", "--base-url", baseUrl(), "--field-stdin", "apiKey"));
    assertEquals(0, add.exitCode(), add.toString());
    assertEquals("Key " + HEADER_KEY, next("/api/me").getHeaders().get("X-Api-Key"));

    CliRun run = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "hk", "--input",
        "{\"id\":\"1\"}"));

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("\"name\" : \"One\"") || run.out().contains("\"name\":\"One\""), run.out());
    RecordedRequest sent = next("/api/things/1");
    assertEquals("Key " + HEADER_KEY, sent.getHeaders().get("X-Api-Key"));
    assertNull(sent.getHeaders().get("Authorization"));
    assertNeverShown(HEADER_KEY);
  }

  @Test
  void apiKeyInTheQueryNeverLeavesTheRequestToTheApiHost() throws Exception {
    CliRun add = cli(CliRun.inHomeWithInput(home, QUERY_KEY + "\n", "connections", "add", "keyed", "--auth",
        "query-key", "--name", "qk", "--base-url", baseUrl(), "--field-stdin", "apiKey"));
    assertEquals(0, add.exitCode(), add.toString());
    assertEquals(QUERY_KEY, next("/api/me").getUrl().queryParameter("api_key"));

    CliRun run = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "qk", "--input",
        "{\"id\":\"1\"}"));
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(QUERY_KEY, next("/api/things/1").getUrl().queryParameter("api_key"));

    // The provider echoes the URL, key included, in its error body and headers: redacted before anyone sees it.
    CliRun echoed = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "qk", "--input",
        "{\"id\":\"echo\"}", "--json"));
    assertNotEquals(0, echoed.exitCode(), echoed.toString());
    assertTrue(echoed.out().contains("NOT_FOUND") || echoed.err().contains("NOT_FOUND"), echoed.toString());
    RecordedRequest echoedRequest = next("/api/things/echo");
    assertEquals(QUERY_KEY, echoedRequest.getUrl().queryParameter("api_key"));
    assertTrue(echoedRequest.getUrl().toString().contains(QUERY_KEY_IN_URL), "the provider saw (and echoed) it so");

    // A redirect to another host: followed, and the key stays behind.
    CliRun moved = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "qk", "--input",
        "{\"id\":\"moved\"}"));
    assertEquals(0, moved.exitCode(), moved.toString());
    next("/api/things/moved");
    RecordedRequest there = elsewhere.takeRequest(10, TimeUnit.SECONDS);
    assertEquals("/things/1", there.getUrl().encodedPath());
    assertNull(there.getUrl().queryParameter("api_key"));
    assertFalse(there.getHeaders().toString().contains(QUERY_KEY));

    // A workflow failing on the echoing answer: its run record keeps the provider's words, not the key.
    Path workflow = Files.writeString(home.resolve("echo.yaml"), """
        name: fetch the echoing thing
        connections:
          keyed: qk
        steps:
          - id: thing
            activity: keyed/things.get
            input:
              id: echo
        """);
    CliRun failed = cli(CliRun.inHome(home, "run", workflow.toString()));
    assertNotEquals(0, failed.exitCode(), failed.toString());
    List<Path> records;
    try (Stream<Path> files = Files.walk(home.resolve("runs"))) {
      records = files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".json")).toList();
    }
    assertFalse(records.isEmpty(), "the run left a record");
    for (Path record : records) {
      String text = Files.readString(record);
      assertTrue(text.contains("No thing at"), record + ": " + text);
      shown.add(text);
    }
    assertNeverShown(QUERY_KEY);
    assertNeverShown(QUERY_KEY_IN_URL);
  }

  @Test
  void reauthTakesTheRotatedKeyFromStandardInput() throws Exception {
    CliRun add = cli(CliRun.inHomeWithInput(home, HEADER_KEY + "\n", "connections", "add", "keyed", "--auth",
        "header-key", "--name", "hk", "--base-url", baseUrl(), "--field-stdin", "apiKey"));
    assertEquals(0, add.exitCode(), add.toString());
    assertEquals("Connected 'hk' (keyed, header-key) as Ada.\nGranted scopes: unknown (the provider decides at each "
        + "call; scopes are not checked before calls)\n", add.out());
    next("/api/me");

    CliRun wrongField = cli(CliRun.inHomeWithInput(home, "canary-rotated-5d2c\n", "connections", "reauth", "hk",
        "--field-stdin", "token"));
    assertEquals(ExitCode.USAGE, wrongField.exitCode(), wrongField.toString());
    assertEquals("error: --field-stdin token: connection 'hk' takes a new apiKey (--field-stdin apiKey)\n",
        wrongField.err());

    CliRun reauth = cli(CliRun.inHomeWithInput(home, "canary-rotated-5d2c\n", "connections", "reauth", "hk",
        "--field-stdin", "apiKey"));

    assertEquals(0, reauth.exitCode(), reauth.toString());
    assertEquals("Reconnected 'hk' as Ada.\n", reauth.out());
    assertEquals("Key canary-rotated-5d2c", next("/api/me").getHeaders().get("X-Api-Key"));
    CliRun run = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "hk", "--input",
        "{\"id\":\"1\"}"));
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("Key canary-rotated-5d2c", next("/api/things/1").getHeaders().get("X-Api-Key"));
    assertNeverShown("canary-rotated-5d2c");
  }

  @Test
  void scopesAreRefusedForAnAuthTypeThatAsksForNone() {
    CliRun add = cli(CliRun.inHomeWithInput(home, HEADER_KEY + "\n", "connections", "add", "keyed", "--auth",
        "header-key", "--name", "hk", "--base-url", baseUrl(), "--field-stdin", "apiKey", "--scope", "things:read"));

    assertEquals(10, add.exitCode(), add.toString());
    assertTrue(add.err().contains("auth type 'header-key' of "), add.err());
    assertTrue(add.err().contains(" asks for no scopes (a pasted credential carries the scopes it was made with); "
        + "leave out --scope"), add.err());
    assertTrue(requests.isEmpty(), "nothing was sent");
  }

  @Test
  void bearerTokenFromTheEnvironment() throws Exception {
    Child add = child(Map.of("PATCHBAY_FIELD_TOKEN", TOKEN), false, "connections", "add", "keyed", "--auth", "token",
        "--name", "bt", "--base-url", baseUrl());
    assertEquals(0, add.exitCode(), add.output());
    assertEquals("Bearer " + TOKEN, next("/api/me").getHeaders().get("Authorization"));

    CliRun run = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "bt", "--input",
        "{\"id\":\"1\"}"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("Bearer " + TOKEN, next("/api/things/1").getHeaders().get("Authorization"));
    assertNeverShown(TOKEN);
  }

  @Test
  void basicWithThePasswordTypedAtTheHiddenPrompt() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
        "the prompt needs a terminal: util-linux's script (/usr/bin/script) gives the child one; not installed");
    Child add = child(Map.of(), true, "connections", "add", "keyed", "--auth", "basic", "--name", "ba",
        "--base-url", baseUrl(), "--field", "username=ada");
    assertEquals(0, add.exitCode(), add.output());
    assertTrue(add.output().contains("(password, hidden): "), add.output());
    String expected = "Basic " + Base64.getEncoder().encodeToString(("ada:" + PASSWORD).getBytes(
        StandardCharsets.UTF_8));
    assertEquals(expected, next("/api/me").getHeaders().get("Authorization"));

    CliRun run = cli(CliRun.inHome(home, "activity", "run", "keyed/things.get", "--connection", "ba", "--input",
        "{\"id\":\"1\"}"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(expected, next("/api/things/1").getHeaders().get("Authorization"));
    assertNeverShown(PASSWORD);
    assertNeverShown(expected.substring("Basic ".length()));
  }

  @Test
  void aSecretGivenAsAnArgumentIsRefusedBeforeAnythingHappens() {
    CliRun add = cli(CliRun.inHome(home, "connections", "add", "keyed", "--auth", "token", "--name", "bt",
        "--base-url", baseUrl(), "--field", "token=" + TOKEN));

    assertEquals(2, add.exitCode(), add.toString());
    assertTrue(add.err().contains("--field token=... refused"), add.err());
    assertEquals(0, provider.getRequestCount());
    assertNeverShown(TOKEN);
  }

  private String baseUrl() {
    return provider.url("/api").toString();
  }

  private RecordedRequest next(String path) throws InterruptedException {
    RecordedRequest request = requests.poll(10, TimeUnit.SECONDS);
    assertEquals(path, request == null ? null : request.getUrl().encodedPath());
    return request;
  }

  private CliRun cli(CliRun run) {
    shown.add(run.out());
    shown.add(run.err());
    return run;
  }

  /** Everything the commands printed (and the children logged), the connection list and show, the run records. */
  private void assertNeverShown(String secret) {
    CliRun list = cli(CliRun.inHome(home, "connections", "list", "--json"));
    assertEquals(0, list.exitCode(), list.toString());
    shown.add(text(log));
    for (String text : shown) {
      assertFalse(text.contains(secret), "the secret appeared in: " + text);
    }
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
  }

  private record Child(int exitCode, String output) {}

  /**
   * Runs {@code patchbay ARGS --home HOME} in a child JVM with {@code environment} added; on a pseudo-terminal
   * (util-linux {@code script}) when {@code terminal}, typing {@link #PASSWORD} once the hidden prompt is shown.
   */
  private Child child(Map<String, String> environment, boolean terminal, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        Main.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--home", home.toString()));
    if (terminal) {
      StringBuilder line = new StringBuilder();
      command.forEach(word -> line.append('\'').append(word.replace("'", "'\\''")).append("' "));
      command = List.of("/usr/bin/script", "-qec", line.toString(), "/dev/null");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), output));
    reader.start();
    try (OutputStream input = process.getOutputStream()) {
      if (terminal) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!text(output).contains("hidden): ") && process.isAlive() && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        input.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("patchbay did not finish: " + text(output));
    }
    reader.join(10_000);
    Child child = new Child(process.exitValue(), text(output));
    shown.add(child.output());
    return child;
  }

  private static String text(ByteArrayOutputStream output) {
    synchronized (output) {
      return output.toString(StandardCharsets.UTF_8);
    }
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    byte[] buffer = new byte[4096];
    try {
      for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
        synchronized (to) {
          to.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
