package dev.patchbay.engine.activities;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Loads the relay plugin once per test class and gives every test a fresh {@link Harness}. */
abstract class RelayTestBase {

  /** The runner's loggers log at info, so that SecretsTest sees every line a retry or a resume writes. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.dev.patchbay.engine.activities";

  static {
    // slf4j-simple fixes a logger's level when the logger is created, so this must run before the runner's
    // classes load; only these tests load them.
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, "info");
    }
  }

  @TempDir
  static Path home;

  static RelayRuntime relay;

  Harness harness;

  @BeforeAll
  static void loadPlugin() {
    relay = RelayRuntime.start(home);
  }

  @AfterAll
  static void closePlugin() {
    relay.close();
  }

  @BeforeEach
  void startHarness() {
    harness = newHarness();
  }

  /** The harness each test starts with; a test class may give its runner other rate limits or tokens. */
  Harness newHarness() {
    return new Harness(relay.catalog());
  }

  @AfterEach
  void stopHarness() {
    harness.close();
  }
}
