package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.cli.e2e.E2e;
import dev.patchbay.cli.e2e.SandboxHttp;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code patchbay connections ...}, in process, against a Zoom sandbox the test runs through the Java API. Signing in
 * with {@code --no-browser} is real: the test plays the browser, opening the address the command prints; the
 * sandbox approves by itself and redirects to the command's loopback listener.
 */
class ConnectionsCommandTest {

  private static final Pattern SIGN_IN_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/oauth/authorize\\?\\S+)");

  @TempDir
  Path home;

  /** The same environment as the CLI, so both use the home's key file (or the environment's key). */
  PatchbayRuntime runtime;
  RunningSandbox running;
  SandboxHttp sandbox;
  Map<String, String> byoFields;
  final List<CliRun> runs = new ArrayList<>();

  @BeforeEach
  void startSandbox() throws Exception {
    runtime = E2e.runtimeLikeTheCli(home);
    running = E2e.startSandbox(runtime);
    sandbox = new SandboxHttp(running);
    byoFields = running.connectionFields("byo-oauth");
  }

  @AfterEach
  void stopSandbox() {
    try {
      for (CliRun run : runs) {
        for (String authType : List.of("oauth", "byo-oauth", "server-to-server")) {
          String secret = running.connectionFields(authType).get("clientSecret");
          assertFalse(run.out().contains(secret) || run.err().contains(secret), run::toString);
        }
      }
    } finally {
      running.close();
      runtime.close();
    }
  }

  CliRun patchbay(String... args) {
    secretOnStandardInput();
    String[] withHome = new String[args.length + 2];
    System.arraycopy(args, 0, withHome, 0, args.length);
    withHome[args.length] = "--home";
    withHome[args.length + 1] = home.toString();
    CliRun run = CliRun.of(withHome);
    runs.add(run);
    return run;
  }

  /** The page the browser showed at the end of the last sign-in. */
  String browserPage;

  /** Runs a command that signs in with --no-browser, opening the printed address as a browser would. */
  CliRun signingIn(String... args) throws Exception {
    secretOnStandardInput();
    String[] withHome = new String[args.length + 2];
    System.arraycopy(args, 0, withHome, 0, args.length);
    withHome[args.length] = "--home";
    withHome[args.length + 1] = home.toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> Main.run(withHome, new PrintWriter(out, true), new PrintWriter(err, true)));
    String url = null;
    for (int i = 0; i < 500 && url == null && !exit.isDone(); i++) {
      Matcher matcher = SIGN_IN_URL.matcher(out.toString());
      if (matcher.find()) {
        url = matcher.group(1);
      } else {
        Thread.sleep(20);
      }
    }
    if (url != null) {
      OkHttpClient browser = new OkHttpClient.Builder().followRedirects(true).build();
      try (Response landed = browser.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals("/callback", landed.request().url().encodedPath(), "the sandbox redirected to the listener");
        assertEquals(200, landed.code());
        browserPage = landed.body().string();
      }
    }
    CliRun run = new CliRun(exit.get(30, TimeUnit.SECONDS), out.toString(), err.toString());
    runs.add(run);
    return run;
  }

  /** What --field-stdin clientSecret reads: the bring-your-own app's secret, as {@code < secret.txt} gives it. */
  void secretOnStandardInput() {
    String secret = secretTyped != null ? secretTyped : byoFields.get("clientSecret");
    String input = nextInput != null ? nextInput : secret + "\n";
    nextInput = null;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
  }

  /** What the next command reads on standard input instead of the secret, as {@code echo y | patchbay ...}. */
  String nextInput;

  /** The client secret the user gives, when not the app's. */
  String secretTyped;

  /**
   * Issue 16, items 7 and 18: a wrong client secret. The browser's page, answered after the token exchange, says
   * the connection was not made and why, in the terminal's words; the exit code is the configuration family's.
   */
  @Test
  void aWrongClientSecretIsToldOnTheBrowsersPageAndIsAConfigurationError() throws Exception {
    secretTyped = "not-the-apps-secret";

    CliRun add = signingIn(addByo("work"));

    assertEquals(ExitCode.CONFIGURATION, add.exitCode(), add::toString);
    assertTrue(add.err().startsWith("error: configuration: could not connect: "), add.err());
    assertTrue(add.err().contains("invalid_client"), add.err());
    assertTrue(add.err().trim().endsWith("Fix the Client ID and Client Secret given for connection 'work'."),
        add.err());
    assertTrue(browserPage.contains("<title>Patchbay: Could not connect</title>"), browserPage);
    assertTrue(browserPage.contains("invalid_client"), browserPage);
    assertTrue(browserPage.contains("configuration: could not connect: "), "the terminal's family: " + browserPage);
    assertFalse(browserPage.contains("INVALID_INPUT"), browserPage);
    assertFalse(browserPage.contains("Sign-in received") || browserPage.contains(">Connected<"), browserPage);
    assertFalse(browserPage.contains(secretTyped), "the secret is never shown");
    assertTrue(patchbay("connections", "list").out().contains("No connections"));
  }

  @Test
  void aSecretFieldGivenAsAnArgumentIsRefusedBeforeAnythingHappensAndNotEchoed() {
    String canary = "CANARY-secret-on-the-command-line";
    CliRun add = patchbay("connections", "add", "zoom", "--auth", "byo-oauth", "--name", "work",
        "--field", "clientId=" + byoFields.get("clientId"), "--field", "clientSecret=" + canary, "--no-browser");

    assertEquals(ExitCode.USAGE, add.exitCode(), add::toString);
    assertTrue(add.err().contains("--field clientSecret=... refused: clientSecret is secret, and a command line can "
        + "be read by every user of this machine and stays in shell history. Give it with --field-stdin clientSecret "
        + "(e.g. < file), in PATCHBAY_FIELD_CLIENT_SECRET, or at the prompt"), add::toString);
    assertFalse(add.out().contains(canary) || add.err().contains(canary), add::toString);
    assertFalse(add.out().contains("oauth/authorize"), "no sign-in was started");
    assertTrue(patchbay("connections", "list").out().contains("No connections"));
  }

  @Test
  void fieldStdinNamesAFieldOfTheAuthType() {
    CliRun add = patchbay("connections", "add", "zoom", "--auth", "byo-oauth", "--name", "work",
        "--field", "clientId=" + byoFields.get("clientId"), "--field-stdin", "clientSecrett", "--no-browser");

    assertEquals(ExitCode.USAGE, add.exitCode(), add::toString);
    assertTrue(add.err().contains("--field-stdin clientSecrett: auth type 'byo-oauth' has no such field"),
        add::toString);
  }

  String[] addByo(String name, String... more) {
    List<String> args = new ArrayList<>(List.of("connections", "add", "zoom", "--auth", "byo-oauth", "--name", name,
        "--field", "clientId=" + byoFields.get("clientId"), "--field-stdin", "clientSecret",
        "--no-browser", "--base-url", running.baseUrl(), "--authorize-url", running.authorizeUrl(),
        "--token-url", running.tokenUrl()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void addsAByoConnectionThroughTheRealSignInAndShowsIt() throws Exception {
    CliRun add = signingIn(addByo("work"));

    assertEquals(ExitCode.OK, add.exitCode(), add::toString);
    assertTrue(add.out().startsWith("Open this address in a browser on this machine to sign in:\n  http://127.0.0.1:"),
        add.out());
    assertTrue(add.out().contains("code_challenge_method=S256"), add.out());
    assertTrue(browserPage.contains("<title>Patchbay: Connected</title>"), browserPage);
    assertTrue(browserPage.contains("Connection &#39;work&#39; (zoom, byo-oauth) is ACTIVE and acts as "), browserPage);
    assertTrue(add.out().endsWith("Connected 'work' (zoom, byo-oauth) as " + E2e.ADA_EMAIL + ".\n"
        + "Granted scopes: meeting:read meeting:write recording:read recording:write user:read user_info:read\n"),
        add.out());
    assertEquals(1, sandbox.tokenRequests("authorization_code"));

    CliRun list = patchbay("connections", "list");
    assertEquals(ExitCode.OK, list.exitCode(), list::toString);
    assertEquals("""
        NAME  CONNECTOR  AUTH       STATUS  ACTS AS                   SCOPES
        work  zoom       byo-oauth  ACTIVE  ada@sandbox.patchbay.dev  6
        """, list.out());

    CliRun json = patchbay("connections", "list", "--json");
    JsonNode listed = Json.MAPPER.readTree(json.out());
    assertEquals(1, listed.size());
    assertEquals("work", listed.get(0).path("name").asString());
    assertEquals("ACTIVE", listed.get(0).path("status").asString());
    assertEquals(E2e.ADA_ID, listed.get(0).path("userId").asString());
    assertEquals(E2e.ACCOUNT_ID, listed.get(0).path("accountId").asString());
    assertEquals(running.baseUrl(), listed.get(0).path("baseUrl").asString());
    assertEquals("{\"clientId\":\"" + byoFields.get("clientId") + "\"}", listed.get(0).path("fields").toString());

    CliRun show = patchbay("connections", "show", "work");
    assertEquals(ExitCode.OK, show.exitCode(), show::toString);
    assertTrue(show.out().startsWith("name:          work\n"), show.out());
    assertTrue(show.out().contains("\nstatus:        ACTIVE\n"), show.out());
    assertTrue(show.out().contains("\nactsAs:        " + E2e.ADA_EMAIL + "\n"), show.out());
    assertTrue(show.out().contains("\nstatusReason:  -\n"), show.out());
    assertEquals(listed.get(0), Json.MAPPER.readTree(patchbay("connections", "show", "work", "--json").out()));

    CliRun test = patchbay("connections", "test", "work");
    assertEquals(ExitCode.OK, test.exitCode(), test::toString);
    assertEquals("ok: 'work' works, acting as " + E2e.ADA_EMAIL + ".\n", test.out());

    CliRun activity = patchbay("activity", "run", "zoom/meetings.get", "--connection", "work", "--input",
        "{\"meetingId\":81000000002}");
    assertEquals(ExitCode.OK, activity.exitCode(), activity::toString);
    assertEquals("Design review", Json.MAPPER.readTree(activity.out()).path("topic").asString());
  }

  @Test
  void aSecondSignInOfTheSameUserAndAppSupersedesTheFirstAndSaysSo() throws Exception {
    assertEquals(ExitCode.OK, signingIn(addByo("work")).exitCode());

    CliRun replaced = signingIn(addByo("work-too"));

    assertEquals(ExitCode.OK, replaced.exitCode(), replaced::toString);
    assertTrue(replaced.out().contains("Signing in as " + E2e.ADA_EMAIL + " again with the same app revoked the "
        + "authorization of connection 'work' at the provider (one live authorization per user and app): 'work' is "
        + "now NEEDS_REAUTH."), replaced.out());
    assertTrue(browserPage.contains("<title>Patchbay: Connected</title>"), browserPage);
    assertTrue(browserPage.contains("revoked the authorization of &#39;work&#39;"), browserPage);
    CliRun list = patchbay("connections", "list");
    assertTrue(list.out().contains("\nwork      zoom       byo-oauth  NEEDS_REAUTH  "), list.out());
    assertTrue(list.out().contains("\nwork-too  zoom       byo-oauth  ACTIVE        "), list.out());
    CliRun run = patchbay("activity", "run", "zoom/users.getCurrent", "--connection", "work");
    assertEquals(12, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("NEEDS_REAUTH: Connection 'work' needs to be reconnected: superseded: "),
        run.err());
  }

  @Test
  void reauthSignsInAgainAfterTheAppWasRemoved() throws Exception {
    assertEquals(ExitCode.OK, signingIn(addByo("work")).exitCode());
    sandbox.control("{\"revokeApp\":{\"user\":\"" + E2e.ADA_EMAIL + "\",\"clientId\":\"" + byoFields.get("clientId")
        + "\"},\"expireAccessTokens\":true}");

    CliRun broken = patchbay("connections", "test", "work");
    assertEquals(12, broken.exitCode(), broken::toString);
    assertTrue(broken.err().startsWith("error: NEEDS_REAUTH: connection 'work' needs to be reconnected"),
        broken.err());

    CliRun reauth = signingIn("connections", "reauth", "work", "--no-browser");

    assertEquals(ExitCode.OK, reauth.exitCode(), reauth::toString);
    assertTrue(reauth.out().endsWith("Reconnected 'work' as " + E2e.ADA_EMAIL + ".\n"), reauth.out());
    assertEquals(ExitCode.OK, patchbay("connections", "test", "work").exitCode());
  }

  /**
   * The operator rotated the app's client secret at Zoom but not in Patchbay's configuration, so a refresh is refused
   * with invalid_client: that is the configuration's exit code, naming the app; the user's connection stays ACTIVE
   * and works again as soon as the configuration is right.
   */
  @Test
  void anOperatorAppRefusedOnRefreshIsAConfigurationErrorAndTheConnectionStaysActive() throws Exception {
    Map<String, String> app = connectedWithTheOperatorsAppThenItsSecretRotated();

    CliRun refused = patchbay("activity", "run", "zoom/users.getCurrent", "--connection", "work");

    assertEquals(ExitCode.CONFIGURATION, refused.exitCode(), refused::toString);
    assertTrue(refused.err().startsWith("configuration: could not renew the access token of connection 'work': the "
        + "provider refused the operator's zoom app ("), refused.err());
    assertTrue(refused.err().contains("invalid_client"), refused.err());
    assertFalse(refused.err().contains("CANARY"), refused::toString);
    CliRun list = patchbay("connections", "list");
    assertTrue(list.out().matches("(?s).*\nwork +zoom +oauth +ACTIVE .*"), "the connection is not the problem: "
        + list.out());

    operatorApp(app.get("clientId"), app.get("clientSecret"));
    assertEquals(ExitCode.OK, patchbay("activity", "run", "zoom/users.getCurrent", "--connection", "work")
        .exitCode());
  }

  /**
   * The same refusal in a workflow step: the run exits with the configuration's code and says so, and the step's and
   * the run's error records keep the configuration flag and the provider's code, shown by {@code runs show}; the
   * secret the operator configured reaches neither the terminal nor the record.
   */
  @Test
  void anOperatorAppRefusedOnRefreshInAWorkflowStepIsAConfigurationErrorOfTheRun() throws Exception {
    connectedWithTheOperatorsAppThenItsSecretRotated();
    Path workflow = java.nio.file.Files.writeString(home.resolve("me.yaml"), """
        name: who am I
        connections: {zoom: work}
        steps:
          - id: me
            activity: zoom/users.getCurrent
        """);

    CliRun refused = patchbay("run", workflow.toString(), "--json");

    assertEquals(ExitCode.CONFIGURATION, refused.exitCode(), refused::toString);
    JsonNode record = Json.MAPPER.readTree(refused.out());
    String id = record.path("id").asString();
    assertTrue(refused.err().contains("run " + id + " failed at step 'me': configuration (exit 5): could not renew "
        + "the access token of connection 'work': the provider refused the operator's zoom app ("), refused::toString);
    JsonNode error = record.at("/steps/0/error");
    assertEquals("INVALID_INPUT", error.path("code").asString(), error::toString);
    assertTrue(error.at("/details/configuration").asBoolean(), error::toString);
    assertEquals("invalid_client", error.at("/details/providerCode").asString(), error::toString);
    assertEquals(error, record.path("error"), "the run's error is the step's");
    CliRun show = patchbay("runs", "show", id);
    assertTrue(show.out().contains("failed at step 'me': configuration (exit 5): could not renew"), show::toString);
    assertTrue(show.out().matches("(?s).*\\nme +zoom/users\\.getCurrent +FAILED +1 +- +configuration: could not "
        + "renew .*"), show::toString);
    String stored = java.nio.file.Files.readString(home.resolve("runs").resolve(id + ".json"));
    assertTrue(stored.contains("\"configuration\" : true"), stored);
    assertFalse(stored.contains("CANARY") || refused.out().contains("CANARY") || refused.err().contains("CANARY"),
        stored);
    assertTrue(patchbay("connections", "list").out().matches("(?s).*\nwork +zoom +oauth +ACTIVE .*"));
  }

  /**
   * Connects 'work' with the operator's app, then rotates the app's secret at the provider (the configuration keeps
   * a canary) and lets the access token expire, so the next use renews it and the provider refuses the app.
   *
   * @return the app's real fields
   */
  private Map<String, String> connectedWithTheOperatorsAppThenItsSecretRotated() throws Exception {
    assumeTrue(System.getenv("PATCHBAY_ZOOM_CLIENT_ID") == null, "the environment configures the operator's app");
    Map<String, String> app = running.connectionFields("oauth");
    operatorApp(app.get("clientId"), app.get("clientSecret"));
    assertEquals(ExitCode.OK, signingIn("connections", "add", "zoom", "--auth", "oauth", "--name", "work",
        "--no-browser", "--base-url", running.baseUrl(), "--authorize-url", running.authorizeUrl(), "--token-url",
        running.tokenUrl()).exitCode());
    operatorApp(app.get("clientId"), "CANARY-not-the-apps-secret");
    sandbox.control("{\"expireAccessTokens\":true}");
    return app;
  }

  /** Writes the operator's Zoom app to the home's configuration, readable by its owner only. */
  private void operatorApp(String clientId, String clientSecret) throws java.io.IOException {
    Path config = java.nio.file.Files.createDirectories(home.resolve("config"));
    Path file = config.resolve("zoom.properties");
    java.nio.file.Files.writeString(file, "clientId=" + clientId + "\nclientSecret=" + clientSecret + "\n");
    java.nio.file.Files.setPosixFilePermissions(file,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  /**
   * {@code remove} revokes at the provider: the connection is added through the Java API, which (unlike
   * {@code connections add}) can point the revocation endpoint at the sandbox.
   */
  @Test
  void removeRevokesAtTheProviderAndForgetsTheConnection() throws Exception {
    Connection account = E2e.connect(runtime, running, "server-to-server", "account");
    Connection grace;
    sandbox.control("{\"signedInUser\":\"" + E2e.GRACE_EMAIL + "\"}");
    grace = E2e.connect(runtime, running, "byo-oauth", "grace");
    assertEquals(E2e.GRACE_ID, grace.identity().userId());
    String accountToken = runtime.connections().tokens(account).current().reveal();
    String graceToken = runtime.connections().tokens(grace).current().reveal();
    assertEquals(200, status(accountToken));
    assertEquals(200, status(graceToken));

    nextInput = "";
    CliRun unconfirmed = patchbay("connections", "remove", "grace");
    assertEquals(ExitCode.USAGE, unconfirmed.exitCode(), unconfirmed::toString);
    assertTrue(unconfirmed.err().endsWith("[y/N] \nerror: 'connections remove' asks before it removes 'grace', and "
        + "standard input ended without an answer; add --yes to remove it\n"), unconfirmed.err());
    nextInput = "n\n";
    CliRun declined = patchbay("connections", "remove", "grace");
    assertEquals(ExitCode.OK, declined.exitCode(), declined::toString);
    assertEquals("Kept 'grace'.\n", declined.out());
    assertEquals(200, status(graceToken), "nothing was revoked without a confirmation");

    // echo y | patchbay connections remove grace
    nextInput = "y\n";
    CliRun removed = patchbay("connections", "remove", "grace");

    assertEquals(ExitCode.OK, removed.exitCode(), removed::toString);
    assertEquals("Removed 'grace': revoked at the provider.\n", removed.out());
    assertEquals(401, status(graceToken), "the whole grant is revoked, access token included");
    CliRun gone = patchbay("connections", "show", "grace");
    assertEquals(ExitCode.NOT_FOUND, gone.exitCode(), gone::toString);
    assertEquals("error: NOT_FOUND: no connection named 'grace' (patchbay connections list shows them)\n", gone.err());

    assertEquals("Removed 'account': revoked at the provider.\n", patchbay("connections", "remove", "account", "--yes").out());
    assertEquals(401, status(accountToken));
    assertEquals("No connections. Add one: patchbay connections add CONNECTOR --auth AUTH_TYPE --name NAME\n",
        patchbay("connections", "list").out());
    assertNotNull(patchbay("connections", "remove", "account", "--yes"));
    assertEquals(ExitCode.NOT_FOUND, runs.get(runs.size() - 1).exitCode());
  }

  /** GET /users/me with a bare token, straight at the sandbox. */
  private int status(String token) {
    try (Response response = sandbox.send(new Request.Builder().url(running.baseUrl() + "/users/me")
        .header("Authorization", "Bearer " + token).build())) {
      return response.code();
    }
  }
}
