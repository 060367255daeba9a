package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code patchbay run} as a user runs it, in process, on the Zoom sandbox: re-runs, failures, resumes. */
class RunCommandTest {

  static final Path ARCHIVE = Path.of("..", "..", "examples", "workflows", "archive-recordings.yaml")
      .toAbsolutePath().normalize();

  @TempDir
  Path home;

  @TempDir
  Path work;

  @BeforeEach
  void installZoom() {
    BuiltPlugins.copyZoomInto(home.resolve("plugins"));
  }

  CliRun patchbay(String... args) {
    return CliRun.inHome(home, args);
  }

  List<String> filesIn(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /** Issue 16, items 1 and 2: the quickstart run twice in the same folder. */
  @Test
  void theArchiveRunAgainSkipsWhatIsArchivedWholeAndSucceedsWithTheSameFileNames() throws Exception {
    Path folder = work.resolve("zoom-archive");
    CliRun first = patchbay("run", ARCHIVE.toString(), "--sandbox", "--input", "folder=" + folder, "--json");
    assertEquals(0, first.exitCode(), first::toString);
    List<String> archived = filesIn(folder);

    CliRun second = patchbay("run", ARCHIVE.toString(), "--sandbox", "--input", "folder=" + folder, "--json");

    assertEquals(0, second.exitCode(), second::toString);
    assertEquals(archived, filesIn(folder), "the same names, nothing archived twice");
    JsonNode record = Json.MAPPER.readTree(second.out());
    assertEquals("SUCCEEDED", record.get("status").asString());
    int attempts = 0;
    for (JsonNode item : record.at("/steps/1/items")) {
      attempts += item.get("attempts").asInt();
    }
    assertEquals(attempts, record.at("/steps/1/attempts").asInt(), "the JSON's attempts of a forEach step are "
        + "its elements', as the table's");
    assertTrue(attempts > 0, record::toString);
    List<String> paths = new ArrayList<>();
    for (JsonNode item : record.at("/steps/1/items")) {
      JsonNode file = item.at("/output/files/0");
      assertEquals("SKIPPED", file.get("status").asString(), item::toString);
      assertEquals(item.at("/item/file_size").asLong(), file.get("bytes").asLong());
      paths.add(Path.of(file.get("path").asString()).getFileName().toString());
    }
    assertEquals(archived, paths.stream().sorted().toList());
    assertEquals(archived.size(), record.at("/outputs/archived").size());
    for (JsonNode item : record.at("/steps/2/items")) {
      assertEquals("SUCCEEDED", item.get("status").asString(), "a later step still gets what it needs");
    }
    CliRun show = patchbay("runs", "show", record.get("id").asString());
    assertTrue(show.out().matches("(?s).*\\ndownload +zoom/recordings\\.download +SUCCEEDED +" + archived.size() + " +"
        + archived.size() + " .*"), "a forEach step's attempts are its elements': " + show);
    assertFalse(Files.exists(home.resolve("sandbox/runs").resolve(record.get("id").asString() + ".properties")),
        "a run that succeeded has nothing to resume");
  }

  /** Issue 16, item 8: one file that cannot be archived fails its item; the run says how many, at its end. */
  @Test
  void anArchiveRunWithOneFailedFileSaysHowManyItemsFailed() throws Exception {
    Path folder = work.resolve("zoom-archive");
    assertEquals(0, patchbay("run", ARCHIVE.toString(), "--sandbox", "--input", "folder=" + folder).exitCode());
    List<String> archived = filesIn(folder);
    Files.write(folder.resolve(archived.get(0)), new byte[] {1, 2, 3}); // not Zoom's whole file any more

    CliRun run = patchbay("run", ARCHIVE.toString(), "--sandbox", "--input", "folder=" + folder);

    assertEquals(0, run.exitCode(), run::toString);
    int total = archived.size();
    String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    assertTrue(run.out().contains("\n      " + (total - 1) + " of " + total + " items succeeded; 1 failed\n"),
        run::toString);
    assertTrue(run.out().contains("\nRun " + id + " SUCCEEDED, but items failed in download (1 of " + total + "): "
        + "patchbay runs show " + id + " --json has their errors\n"), run::toString);
  }

  /** Issue 16, item 14: the caller gets the join link it asked for; the record keeps it redacted. */
  @Test
  void theScheduleMeetingExampleGivesAJoinLinkThatWorks() throws Exception {
    Path example = ARCHIVE.resolveSibling("schedule-meeting.yaml");

    CliRun run = patchbay("run", example.toString(), "--sandbox", "--input", "topic=Standup");
    CliRun json = patchbay("run", example.toString(), "--sandbox", "--input", "topic=Standup", "--json");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().matches("(?s).*\"joinUrl\" : \"http[^\"]*\\?pwd=[A-Za-z0-9._-]+\".*"), run::toString);
    JsonNode record = Json.MAPPER.readTree(json.out());
    assertFalse(record.at("/outputs/joinUrl").asString().contains("[redacted]"), json::toString);
    String stored = Files.readString(home.resolve("runs").resolve(record.get("id").asString() + ".json"));
    assertTrue(stored.contains("pwd=[redacted]"), stored);
  }

  /** Issue 16, item 1: a failure in the outputs is said on the terminal and in runs show, with its exit code. */
  @Test
  void aRunFailingInItsOutputsSaysWhyOnTheTerminalAndInRunsShow() throws Exception {
    Path workflow = Files.writeString(work.resolve("me.yaml"), """
        name: who am I
        steps:
          - id: me
            activity: zoom/users.getCurrent
        outputs:
          names: "${list:pluck(steps.me.output, 'first_name')}"
        """);

    CliRun run = patchbay("run", workflow.toString(), "--sandbox");

    assertEquals(10, run.exitCode(), run::toString);
    String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];
    String why = "run " + id + " failed in its outputs: INVALID_INPUT (exit 10): outputs.names: list:pluck: expects "
        + "an array, got an object";
    assertTrue(run.err().contains(why), run::toString);
    assertTrue(run.err().contains("fix the cause, then: patchbay run --resume " + id), run::toString);
    assertTrue(run.out().contains("Run " + id + " (1 step)\n"), run::toString);
    CliRun show = patchbay("runs", "show", id);
    assertTrue(show.out().contains(why + "\nfix the cause, then: patchbay run --resume " + id + "\n"),
        show::toString);
    assertTrue(show.out().matches("(?s).*\\nStatus: FAILED, started \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, ended "
        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n.*"), show::toString);
  }

  /** Issue 16, item 3: a run made with --sandbox is resumed on its own sandbox, from the state it had. */
  @Test
  void aSandboxRunIsResumedOnItsSandboxFromTheStateItHad() throws Exception {
    Path workflow = work.resolve("create-then-read.yaml");
    String text = """
        name: create then read
        steps:
          - id: create
            activity: zoom/meetings.create
            input: {topic: "Resume me"}
          - id: read
            activity: zoom/meetings.get
            input: {meetingId: MEETING}
        outputs:
          topic: "${steps.read.output.topic}"
        """;
    Files.writeString(workflow, text.replace("MEETING", "12345678901"));
    CliRun failed = patchbay("run", workflow.toString(), "--sandbox");
    assertEquals(3, failed.exitCode(), failed::toString);
    String id = failed.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow()
        .split(" ")[1];

    // The user fixes the cause: read the meeting the first step created (in the first sandbox).
    Files.writeString(workflow, text.replace("MEETING", "\"${steps.create.output.id}\""));
    CliRun resumed = patchbay("run", "--resume", id);

    assertEquals(0, resumed.exitCode(), resumed::toString);
    assertTrue(resumed.out().contains("create SUCCEEDED (reused from the earlier run)"), resumed::toString);
    assertTrue(resumed.out().contains("\"topic\" : \"Resume me\""), resumed::toString);
  }

  /** Issue 16, item 19: under --sandbox, every problem of the workflow is listed, as without it. */
  @Test
  void aWorkflowWithAnUnknownConnectorListsAllItsProblemsUnderSandboxToo() throws Exception {
    Path workflow = Files.writeString(work.resolve("bad.yaml"), """
        name: bad
        steps:
          - id: a
            activity: acme/things.get
          - id: b
            activity: zoom/meetings.nope
        """);

    CliRun plain = patchbay("run", workflow.toString());
    CliRun sandboxed = patchbay("run", workflow.toString(), "--sandbox");

    assertEquals(2, sandboxed.exitCode(), sandboxed::toString);
    assertTrue(sandboxed.err().contains(":4: ") && sandboxed.err().contains("no connector 'acme'"), sandboxed::toString);
    assertTrue(sandboxed.err().contains(":6: ") && sandboxed.err().contains("no operation 'meetings.nope'"),
        sandboxed::toString);
    assertEquals(plain.err().lines().filter(line -> line.contains("acme") || line.contains("nope")).count(),
        sandboxed.err().lines().filter(line -> line.contains("acme") || line.contains("nope")).count(),
        plain + "\n" + sandboxed);
  }

  /** Issue 16, item 18: a damaged record is named, with exit 1, not skipped silently or an internal error. */
  @Test
  void aDamagedRunRecordIsNamedByRunsListAndRunsShow() throws Exception {
    Path record = Files.createDirectories(home.resolve("runs")).resolve("20260101-000000-abcd.json");
    Files.writeString(record, "{\"id\": \"20260101-000000-abcd\", \"status\": ");

    CliRun list = patchbay("runs", "list");
    CliRun show = patchbay("runs", "show", "20260101-000000-abcd");
    CliRun resume = patchbay("run", "--resume", "20260101-000000-abcd");

    assertEquals(1, list.exitCode(), list::toString);
    assertEquals("warning: " + record + " is not a readable run record (patchbay runs show 20260101-000000-abcd says "
        + "why)\n", list.err());
    assertEquals(1, show.exitCode(), show::toString);
    assertTrue(show.err().startsWith("error: the run record " + record + " is not a run record: "), show::toString);
    assertEquals(1, resume.exitCode(), resume::toString);
  }

  /** Issue 16, item 8: a sandbox run that succeeded has nothing to resume, and that is what is said. */
  @Test
  void resumingASandboxRunThatSucceededSaysSo() throws Exception {
    Path workflow = Files.writeString(work.resolve("me.yaml"), """
        name: who am I
        steps:
          - id: me
            activity: zoom/users.getCurrent
        """);
    CliRun run = patchbay("run", workflow.toString(), "--sandbox");
    assertEquals(0, run.exitCode(), run::toString);
    String id = run.out().lines().filter(line -> line.startsWith("Run ")).findFirst().orElseThrow().split(" ")[1];

    CliRun resumed = patchbay("run", "--resume", id, "--sandbox");

    assertEquals(2, resumed.exitCode(), resumed::toString);
    assertEquals("error: run " + id + " succeeded; there is nothing to resume\n", resumed.err());
  }

  /** Issue 16, item 19: a mistyped operation in a workflow gets the "did you mean" activity run gives. */
  @Test
  void aMistypedOperationInAWorkflowGetsADidYouMean() throws Exception {
    Path workflow = Files.writeString(work.resolve("typo.yaml"), """
        name: typo
        steps:
          - id: create
            activity: zoom/meetings.creat
            input: {topic: Standup}
        """);

    CliRun run = patchbay("run", workflow.toString(), "--sandbox");

    assertEquals(2, run.exitCode(), run::toString);
    assertEquals(workflow + ":4: /steps/0/activity: connector 'zoom' has no operation 'meetings.creat' (did you mean "
        + "'meetings.create'?) (see patchbay connectors show zoom)\n1 problem; nothing was run\n", run.err());
  }

  /** Issue 16, item 20: one element is "1 item". */
  @Test
  void aStepOfOneElementSaysOneItem() {
    StringWriter out = new StringWriter();
    RunDisplay display = new RunDisplay(new PrintWriter(out), false, id -> { });
    display.runStarted("20261207-101010-abcd", 3, false);

    display.stepStarted(2, "download", 1);
    display.stepStarted(3, "notify", 2);

    assertEquals(List.of("Run 20261207-101010-abcd (3 steps)", "[2/3] download: 1 item", "[3/3] notify: 2 items"),
        out.toString().lines().toList());
  }

  @Test
  void sandboxOnTheResumeOfARunThatUsedNoneIsAUsageError() throws Exception {
    CliRun run = patchbay("run", "--resume", "20260101-000000-abcd", "--sandbox");

    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("run 20260101-000000-abcd did not run on a sandbox"), run::toString);
  }

  /** Issue 16, item 5: Ctrl-C during a run says how to go on with it; after the run, nothing is said. */
  @Test
  void anInterruptedRunPrintsTheResumeCommand() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> started = new ArrayList<>();
    RunDisplay display = new RunDisplay(new PrintWriter(out), false, started::add);
    display.runStarted("20261207-101010-abcd", 3, false);

    display.interrupted(new PrintWriter(err));

    assertEquals(List.of("20261207-101010-abcd"), started);
    assertEquals("Interrupted: run 20261207-101010-abcd stopped before it ended. Go on with: patchbay run --resume "
        + "20261207-101010-abcd" + System.lineSeparator(), err.toString());
  }
}
