package dev.patchbay.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the end-to-end tests share: a Patchbay home with the built Zoom plugin zip in its plugins folder (loaded
 * through the real PF4J path), a runtime over it with a master key from the environment map, and a way to reach
 * the Zoom sandbox's control endpoints over HTTP (the sandbox lives in the plugin's class loader).
 */
public final class E2e {

  /** Where the build puts the plugin zips before the tests run (generate-test-resources). */
  public static final Path DIST_PLUGINS = Path.of("target", "patchbay", "plugins");

  /** The sandbox's seeded account owner, whom every sign-in approves as unless told otherwise. */
  public static final String ADA_ID = "pbxAdaLovelace00000001";
  public static final String ADA_EMAIL = "ada@sandbox.patchbay.dev";
  public static final String GRACE_ID = "pbxGraceHopper00000002";
  public static final String GRACE_EMAIL = "grace@sandbox.patchbay.dev";
  public static final String ACCOUNT_ID = "pbxSandboxAccount00001";

  private E2e() {}

  public static Path zoomZip() {
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(DIST_PLUGINS, "zoom-*.zip")) {
      for (Path zip : zips) {
        return zip;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("run the build first (mvn verify): " + DIST_PLUGINS, e);
    }
    throw new IllegalStateException("no zoom-*.zip in " + DIST_PLUGINS + "; run the build first (mvn verify)");
  }

  /** Makes {@code home} a Patchbay home with the Zoom plugin zip dropped into its plugins folder. */
  public static PatchbayHome home(Path home) {
    try {
      Path plugins = Files.createDirectories(home.resolve("plugins"));
      Path zip = zoomZip();
      Path target = plugins.resolve(zip.getFileName());
      if (!Files.exists(target)) {
        Files.copy(zip, target);
      }
      return new PatchbayHome(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh random master key, base64, as {@code PATCHBAY_MASTER_KEY} takes it. */
  public static String masterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** A runtime over {@code home} whose store key comes from the environment map (no key file). */
  public static PatchbayRuntime runtime(Path home, String masterKey) {
    return PatchbayRuntime.builder().home(home(home)).environment(Map.of("PATCHBAY_MASTER_KEY", masterKey)).start();
  }

  public static PatchbayRuntime runtime(Path home) {
    return runtime(home, masterKey());
  }

  public static ObjectNode json(String text) {
    return (ObjectNode) Json.MAPPER.readTree(text);
  }

  public static ObjectNode empty() {
    return Json.MAPPER.createObjectNode();
  }

  /** Runs an activity that must succeed. */
  public static ActivityResult run(PatchbayRuntime runtime, String activity, String connection, String input) {
    try {
      return runtime.activities().run(activity, connection, json(input));
    } catch (ActivityException e) {
      throw new AssertionError(activity + " failed: " + e.code() + " " + e.getMessage() + " " + e.error().details(),
          e);
    } catch (ConnectorException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs an activity that must fail, and returns how, asserting the code. */
  public static ActivityException fails(ErrorCode expected, PatchbayRuntime runtime, String activity,
      String connection, String input) {
    ActivityException failure = assertThrows(ActivityException.class,
        () -> runtime.activities().run(activity, connection, json(input)), activity + " should fail");
    assertEquals(expected, failure.code(), () -> "code of " + failure + " " + failure.error().details());
    return failure;
  }

  /**
   * Connects to a sandbox started on its own, into the runtime's real (user) store, as a person would with
   * {@code connections add --base-url … --authorize-url … --token-url …}: for {@code byo-oauth} (through the
   * loopback authorization-code flow, the sandbox approving by itself) and {@code server-to-server}.
   */
  public static Connection connect(PatchbayRuntime runtime, RunningSandbox sandbox, String authTypeId, String name)
      throws ConnectorException, InterruptedException {
    Map<String, String> fields = new LinkedHashMap<>(sandbox.connectionFields(authTypeId));
    Map<String, Secret> secrets = Map.of("clientSecret", Secret.of(fields.remove("clientSecret")));
    return runtime.connections().add(new NewConnection("zoom", authTypeId, name, fields, secrets, sandbox.baseUrl(),
        sandbox.authorizeUrl(), sandbox.tokenUrl(), sandbox.revokeUrl()),
        new UnattendedBrowser(new OkHttpClient()));
  }

  public static RunningSandbox startSandbox(PatchbayRuntime runtime) throws ConnectorException {
    return runtime.startSandbox("zoom", SandboxOptions.defaults());
  }

  /** The control client of the sandbox the runtime opened with {@code openSandbox}. */
  public static SandboxHttp sandboxOf(PatchbayRuntime runtime) {
    return new SandboxHttp(runtime.sandbox().running());
  }

  /**
   * A runtime over {@code home} with the process's own environment, as the in-process CLI ({@code Main.run}) has:
   * both then open the connection store with the same key (the home's key file, unless the environment sets one).
   */
  public static PatchbayRuntime runtimeLikeTheCli(Path home) {
    return PatchbayRuntime.builder().home(home(home)).environment(System.getenv()).start();
  }
}
