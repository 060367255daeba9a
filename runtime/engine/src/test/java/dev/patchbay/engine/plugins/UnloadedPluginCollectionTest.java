package dev.patchbay.engine.plugins;

import static dev.patchbay.engine.testing.GarbageCollection.assertCollected;
import static dev.patchbay.engine.testing.GarbageCollection.assertNotCollected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.catalog.PluginChange;
import dev.patchbay.engine.testing.ActivityGate;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.LoaderProbe;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.BusyEchoConnector;
import dev.patchbay.engine.testplugins.BusyPlugin;
import dev.patchbay.engine.testplugins.EchoConnector;
import dev.patchbay.engine.testplugins.ExplodingConnector;
import dev.patchbay.engine.testplugins.MismatchedConnector;
import dev.patchbay.engine.testplugins.ObjectEchoConnector;
import dev.patchbay.engine.testplugins.ProbedFailingStartPlugin;
import dev.patchbay.engine.testplugins.ProbedPlugin;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.records.RunStatus;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that is unloaded leaves nothing behind: its class loader, and with it every class of the plugin, is
 * garbage-collected while the runtime and its activity runner keep running. Whatever in the host still references
 * one object of the plugin (a cache, a thread, a ThreadLocal, a listener) keeps all of it in memory, on every
 * reload, for the life of the process (PF4J.md, P1).
 *
 * <p>The test keeps only weak references to the plugin's class loader, taken in helper methods so that no local
 * variable of a test method keeps the loader reachable.
 */
class UnloadedPluginCollectionTest {

  @TempDir
  Path home;

  HotPluginFixture fixture;

  @BeforeEach
  void start() {
    fixture = new HotPluginFixture(home);
    LoaderProbe.forget();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void removedPluginIsCollected() throws Exception {
    Path zip = load(HotPluginFixture.echo("1.0.0"), PluginChange.Kind.LOADED);
    assertEquals("hi from 1.0.0", fixture.echoCall("hi"));
    WeakReference<ClassLoader> loader = echoLoader();

    removeAndAssertCollected(zip, loader, "the class loader of echo 1.0.0 after it was removed");
  }

  @Test
  void replacedVersionIsCollectedAndItsSuccessorIsNot() throws Exception {
    load(HotPluginFixture.echo("1.0.0"), PluginChange.Kind.LOADED);
    assertEquals("hi from 1.0.0", fixture.echoCall("hi"));
    WeakReference<ClassLoader> old = echoLoader();

    load(HotPluginFixture.echo("2.0.0"), PluginChange.Kind.REPLACED);
    awaitUnloaded(1);

    assertCollected(old, "the class loader of echo 1.0.0 after 2.0.0 replaced it");
    assertNotCollected(echoLoader(), "the class loader of echo 2.0.0, which serves");
    assertEquals("still from 2.0.0", fixture.echoCall("still"));
  }

  @Test
  void versionReplacedWhileItsCallsRanIsCollectedOnceTheyReturn() throws Exception {
    load(HotPluginFixture.echo("1.0.0"), PluginChange.Kind.LOADED);
    WeakReference<ClassLoader> old = echoLoader();
    ActivityGate gate = ActivityGate.close("gc-drain-held");
    CompletableFuture<String> held = fixture.callHeldInside(gate, "gc-drain-held");

    load(HotPluginFixture.echo("2.0.0"), PluginChange.Kind.REPLACED);
    assertNotCollected(old, "the class loader of echo 1.0.0, draining under a running call");
    gate.open();
    assertEquals("gc-drain-held from 1.0.0", held.join());
    awaitUnloaded(1);

    assertCollected(old, "the class loader of echo 1.0.0 after its last call returned while draining");
  }

  @Test
  void pluginThatRanAWorkflowIsCollected() throws Exception {
    Path zip = load(HotPluginFixture.echo("1.0.0"), PluginChange.Kind.LOADED);
    Path workflow = Files.writeString(home.resolve("echo-twice.yaml"), """
        name: echo twice
        connections:
          echo: work
        steps:
          - id: first
            activity: echo/messages.echo
            input:
              text: hello
          - id: second
            activity: echo/messages.echo
            input:
              text: ${steps.first.output.text}
        """);
    WorkflowRun run = fixture.workflows(home.resolve("runs")).run(workflow, Map.of(), Map.of(), RunListener.NONE);
    assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.record().toString());
    assertEquals("hello from 1.0.0 from 1.0.0", run.record().steps().get(1).output().path("text").asString());
    WeakReference<ClassLoader> loader = echoLoader();

    removeAndAssertCollected(zip, loader,
        "the class loader of echo 1.0.0, removed after a workflow ran its activity with expressions over its output");
  }

  @Test
  void pluginWhoseCallWasAbandonedAtItsDeadlineIsCollectedOnceTheCallStopped() throws Exception {
    Path zip = load(HotPluginFixture.echo("1.0.0"), PluginChange.Kind.LOADED);
    WeakReference<ClassLoader> loader = echoLoader();
    // Never opened: the call waits at the gate until the deadline interrupts it.
    ActivityGate.close("gc-abandoned");
    ActivityException late = assertThrows(ActivityException.class,
        () -> fixture.echoCall("gc-abandoned", Duration.ofMillis(200)));
    assertEquals(ErrorCode.TIMEOUT, late.code());

    removeAndAssertCollected(zip, loader,
        "the class loader of echo 1.0.0, removed after a call of it was abandoned at its deadline");
  }

  @Test
  void pluginThatRanActivitiesIsCollectedAfterItIsRemoved() throws Exception {
    try (MockWebServer provider = new MockWebServer()) {
      provider.start();
      Path zip = load(new PluginZipBuilder("echo")
          .descriptor("plugin.class", BusyPlugin.class.getName())
          .withClass(BusyPlugin.class)
          .withClass(EchoConnector.class)
          .extension(BusyEchoConnector.class)
          .resource("connectors/echo.json", Definitions.echoText()), PluginChange.Kind.LOADED);
      // Plugin code runs on its caller's thread, so the ThreadLocal it leaves there is kept until that thread ends
      // (the README's trade-off): the calls run on a thread of their own, as a workflow run's steps do.
      CompletableFuture<Void> calls = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        try {
          for (int call = 1; call <= 3; call++) {
            provider.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body("{\"pong\":\"pong-" + call + "\"}").build());
            assertEquals("HI pong-" + call + " hi", fixture.echoCall("hi", provider.url("/v1").toString()));
          }
          assertEquals("Echo User", fixture.identify().displayName());
          calls.complete(null);
        } catch (Throwable failed) {
          calls.completeExceptionally(failed);
        }
      });
      caller.start();
      calls.get();
      caller.join();
      WeakReference<ClassLoader> loader = echoLoader();

      removeAndAssertCollected(zip, loader, "the class loader of a plugin that made HTTP requests, ran its own "
          + "threads, bound JSON, logged, left ThreadLocals and identified a connection, after it was removed");
    }
  }

  @Test
  void pluginThatHandedTheHostItsOwnObjectsIsRefusedAndCollected() throws Exception {
    try (MockWebServer provider = new MockWebServer()) {
      provider.start();
      String baseUrl = provider.url("/v1").toString();
      Path zip = load(new PluginZipBuilder("echo")
          .withClass(EchoConnector.class)
          .extension(ObjectEchoConnector.class)
          .resource("connectors/echo.json", Definitions.echoText()), PluginChange.Kind.LOADED);

      ActivityException inRequest = assertThrows(ActivityException.class, () -> fixture.echoCall("request", baseUrl));
      assertEquals(ErrorCode.PLUGIN_ERROR, inRequest.code());
      assertEquals("The body of the connector plugin's request POST /echo holds a Java object, not JSON (at /trace: a "
          + ObjectEchoConnector.Trace.class.getName() + "); nothing was sent. This is a bug in the plugin: it must "
          + "build request bodies from JSON values only.", inRequest.getMessage());
      assertEquals(0, provider.getRequestCount());
      ActivityException inOutput = assertThrows(ActivityException.class, () -> fixture.echoCall("output", baseUrl));
      assertEquals(ErrorCode.INVALID_OUTPUT, inOutput.code());
      assertEquals("The output of echo/messages.echo holds a Java object, not JSON (at /trace: a "
          + ObjectEchoConnector.Trace.class.getName() + "). This is a bug in the connector plugin echo: it must "
          + "answer with JSON values only; report it to its author.", inOutput.getMessage());
      WeakReference<ClassLoader> loader = echoLoader();

      removeAndAssertCollected(zip, loader,
          "the class loader of a plugin that put its own objects into JSON, after it was removed");
    }
  }

  @Test
  void replacementThatFailsItsChecksIsCollected() throws Exception {
    load(HotPluginFixture.echo("1.0.0"), PluginChange.Kind.LOADED);

    load(probed(ProbedPlugin.class, "echo")
        .extension(MismatchedConnector.class)
        .resource("connectors/echo.json", Definitions.echoText()), PluginChange.Kind.FAILED);

    assertCollected(LoaderProbe.recorded(), "the class loader of an echo whose definition and implementation "
        + "disagree");
    assertEquals("still from 1.0.0", fixture.echoCall("still"));
  }

  @Test
  void pluginWhoseStartFailsIsCollected() throws Exception {
    load(probed(ProbedFailingStartPlugin.class, "failing-start").extension(EchoConnector.class),
        PluginChange.Kind.FAILED);

    assertCollected(LoaderProbe.recorded(), "the class loader of a plugin whose start() threw");
  }

  @Test
  void pluginWhoseConnectorCannotBeCreatedIsCollected() throws Exception {
    load(probed(ProbedPlugin.class, "exploding").extension(ExplodingConnector.class), PluginChange.Kind.FAILED);

    assertCollected(LoaderProbe.recorded(), "the class loader of a plugin whose connector's constructor threw");
  }

  /** A plugin whose plugin class reports its class loader to the {@link LoaderProbe}. */
  private static PluginZipBuilder probed(Class<? extends ProbedPlugin> pluginClass, String pluginId) {
    PluginZipBuilder zip = new PluginZipBuilder(pluginId).descriptor("plugin.class", pluginClass.getName());
    Stream.of(ProbedPlugin.class, pluginClass).distinct().forEach(zip::withClass);
    return zip;
  }

  private Path load(PluginZipBuilder plugin, PluginChange.Kind expected) {
    return reload(plugin.writeTo(fixture.plugins(), "echo.zip"), expected);
  }

  private Path reload(Path zip, PluginChange.Kind expected) {
    PluginChange change = fixture.runtime.plugins().reload(zip);
    assertEquals(expected, change.kind(), change.toString());
    return zip;
  }

  /** Removes the plugin's archive and asserts that its class loader is collected once the plugin is unloaded. */
  private void removeAndAssertCollected(Path zip, WeakReference<ClassLoader> loader, String what) throws Exception {
    Files.delete(zip);
    reload(zip, PluginChange.Kind.REMOVED);
    awaitUnloaded(1);
    assertCollected(loader, what);
  }

  private void awaitUnloaded(int count) throws InterruptedException {
    HotPluginFixture.await(count + " plugin(s) unloaded",
        () -> fixture.changes(PluginChange.Kind.UNLOADED).size() == count);
  }

  /** A weak reference to the class loader of the echo connector in the catalog; the only reference the test keeps. */
  private WeakReference<ClassLoader> echoLoader() {
    return new WeakReference<>(fixture.runtime.catalog().connector("echo").orElseThrow().implementation().getClass()
        .getClassLoader());
  }
}
