package dev.patchbay.engine.workflows;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.testing.MutableClock;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import dev.patchbay.engine.workflows.runs.RunRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A {@link Workflows} over the fake environment and invoker, with a clock the test moves and recorded waits. */
final class WorkflowFixture {

  final Path folder;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:15:02Z"));
  final FakeInvoker invoker = new FakeInvoker();
  final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  final Workflows workflows;

  WorkflowFixture(Path folder) {
    this(folder, Map.of("PATCHBAY_VAR_REGION", "eu", "HOME", "/home/someone"));
  }

  WorkflowFixture(Path folder, Map<String, String> variables) {
    this(folder, variables, null);
  }

  /** @param sealed where runs keep the values their records redact, or null for none */
  WorkflowFixture(Path folder, Map<String, String> variables, SealedFiles sealed) {
    this(folder, variables, sealed, null);
  }

  /** @param records where runs are recorded; null for the runs folder under {@code folder} */
  WorkflowFixture(Path folder, Map<String, String> variables, SealedFiles sealed,
      RunRecords records) {
    this.folder = folder;
    this.workflows = Workflows.builder()
        .environment(new FakeEnvironment())
        .invoker(invoker)
        .runs(records != null ? records : new FileRunRecords(runsFolder()))
        .clock(clock)
        .variables(variables)
        .sleeper(pauses::add)
        .sealedValues(sealed)
        .build();
  }

  /** The folder the fixture's runs are recorded in. */
  Path runsFolder() {
    return folder.resolve("runs");
  }

  /** Writes a workflow file into the test's folder. */
  Path file(String name, String text) {
    try {
      return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a workflow from the test resources' workflows folder into the test's folder. */
  Path resource(String name) {
    try (InputStream in = WorkflowFixture.class.getResourceAsStream("/workflows/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test workflow " + name);
      }
      return file(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WorkflowRun run(Path file, Map<String, String> inputs) throws WorkflowProblems {
    return workflows.run(file, inputs, Map.of(), RunListener.NONE);
  }

  /** The run's record as it is on disk, as JSON. */
  JsonNode recordJson(String runId) {
    try {
      return Json.MAPPER.readTree(Files.readString(runsFolder().resolve(runId + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String recordText(String runId) {
    try {
      return Files.readString(runsFolder().resolve(runId + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }
}
