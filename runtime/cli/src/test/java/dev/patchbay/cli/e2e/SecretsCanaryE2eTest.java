package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_EMAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.cli.Main;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's client secrets and every token it issued during a run that connects, refreshes, fails in several
 * ways and is inspected through the CLI, searched for in everything a person or a log could see: exception messages
 * and string forms, {@code Connection} and {@code ActivityError} string forms, CLI output, the process's stdout and
 * stderr (logs), and the bytes of the store files. The tokens are read from the sandbox's own state file.
 */
class SecretsCanaryE2eTest {

  @TempDir
  Path home;

  @TempDir
  Path sandboxData;

  @Test
  void noSecretOrTokenIsEverShown() throws Exception {
    List<String> shown = new ArrayList<>();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    Set<String> secrets = new LinkedHashSet<>();
    System.setOut(capture);
    System.setErr(capture);
    // The same environment as the in-process CLI below, so both open the store with the same key.
    try (PatchbayRuntime runtime = E2e.runtimeLikeTheCli(home);
        RunningSandbox running = runtime.startSandbox("zoom", new SandboxOptions(0, null, sandboxData, true))) {
      SandboxHttp sandbox = new SandboxHttp(running);
      JsonNode described = sandbox.describe();
      described.path("connections").forEach(fields -> secrets.add(fields.path("clientSecret").asString()));
      assertEquals(3, secrets.size(), described::toString);

      Connection byo = E2e.connect(runtime, running, "byo-oauth", "byo");
      Connection s2s = E2e.connect(runtime, running, "server-to-server", "s2s");
      shown.add(byo.toString());
      shown.add(s2s.toString());
      E2e.run(runtime, "zoom/users.getCurrent", "byo", "{}");
      sandbox.control("{\"expireAccessTokens\":true}");
      E2e.run(runtime, "zoom/meetings.list", "byo", "{}"); // refresh: a rotated refresh token
      E2e.run(runtime, "zoom/users.getCurrent", "s2s", "{}"); // a new account_credentials token
      shown.add(runtime.connections().get("byo").toString());

      failure(shown, runtime, "zoom/meetings.get", "byo", "{\"meetingId\":1}");
      failure(shown, runtime, "zoom/meetings.create", "byo", "{\"topic\":7}");
      failure(shown, runtime, "zoom/meetings.create", "nope", "{}");
      sandbox.control("{\"serverErrors\":{\"count\":1,\"status\":503,\"pathPrefix\":\"/v2\"}}");
      failure(shown, runtime, "zoom/meetings.create", "byo", "{\"topic\":\"x\"}");
      // The same user signs in again with the same app: the outcome says what the provider revoked, in words.
      Connection again = E2e.connect(runtime, running, "byo-oauth", "byo-again");
      shown.add(runtime.connections().outcome(again));
      shown.add(runtime.connections().get("byo").toString());
      shown.add(runtime.connections().remove("byo-again"));
      // The user removes the app: the next refresh is refused and the connection marked, all in words.
      sandbox.control("{\"revokeApp\":{\"user\":\"" + ADA_EMAIL + "\",\"clientId\":\"" + sandbox.clientId("byo-oauth")
          + "\"},\"expireAccessTokens\":true}");
      failure(shown, runtime, "zoom/users.getCurrent", "byo", "{}");
      shown.add(runtime.connections().get("byo").toString());

      shown.add(cli("connections", "list"));
      shown.add(cli("connections", "list", "--json"));
      shown.add(cli("connections", "show", "byo"));
      shown.add(cli("connections", "show", "s2s", "--json"));
      shown.add(cli("connections", "test", "s2s"));
      shown.add(cli("connections", "test", "byo"));
      shown.add(cli("activity", "run", "zoom/users.getCurrent", "--connection", "s2s"));
      shown.add(cli("activity", "run", "zoom/meetings.get", "--connection", "s2s", "--input", "{\"meetingId\":1}",
          "--json"));

      secrets.addAll(issuedTokens());
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    shown.add(console.toString(StandardCharsets.UTF_8));

    // Access tokens: the first pair, the refreshed one, two S2S ones (the CLI's test and run reuse the stored one).
    assertTrue(secrets.size() >= 3 + 5, () -> "expected the client secrets and several tokens: " + secrets.size());
    for (String secret : secrets) {
      for (String text : shown) {
        assertFalse(text.contains(secret), () -> "a secret (" + secret.length() + " chars) shows in: " + text);
      }
    }
    List<Path> storeFiles;
    try (Stream<Path> files = Files.list(home.resolve("connections"))) {
      storeFiles = files.filter(f -> f.toString().endsWith(".conn")).toList();
    }
    assertEquals(2, storeFiles.size(), storeFiles::toString);
    for (Path file : storeFiles) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertFalse(bytes.contains(secret), "a secret in plaintext in " + file);
      }
      assertFalse(bytes.contains(ADA_EMAIL), "the store is encrypted as a whole, identity included: " + file);
    }
  }

  private static void failure(List<String> shown, PatchbayRuntime runtime, String activity, String connection,
      String input) {
    ActivityException failure = assertThrows(ActivityException.class,
        () -> runtime.activities().run(activity, connection, E2e.json(input)));
    shown.add(failure.getMessage());
    shown.add(failure.toString());
    shown.add(failure.error().toString());
    shown.add(Json.MAPPER.writeValueAsString(failure.error().details()));
  }

  private String cli(String... args) {
    String[] withHome = Stream.concat(Stream.of(args), Stream.of("--home", home.toString())).toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(withHome, new PrintWriter(out, true), new PrintWriter(err, true));
    return "exit " + exit + "\n" + out + "\n" + err;
  }

  /** Every access and refresh token the sandbox issued, from its state file. */
  private Set<String> issuedTokens() throws IOException {
    JsonNode state = Json.MAPPER.readTree(Files.readString(sandboxData.resolve("state.json")));
    Set<String> tokens = new LinkedHashSet<>();
    for (JsonNode grant : state.path("grants")) {
      grant.path("access_tokens").properties().forEach((Map.Entry<String, JsonNode> e) -> tokens.add(e.getKey()));
      if (grant.path("refresh_token").isString()) {
        tokens.add(grant.path("refresh_token").asString());
      }
      grant.path("retired_refresh_tokens").forEach(token -> tokens.add(token.asString()));
    }
    return tokens;
  }
}
