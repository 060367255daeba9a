package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.cli.e2e.E2e;
import dev.patchbay.cli.e2e.SandboxHttp;
import dev.patchbay.engine.PatchbayRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay} as its own process, as a user runs it: Ctrl-C during a download (issue 16, item 5) and a
 * {@code serve} whose port is taken (item 20).
 */
class InterruptedRunProcessTest {

  /** "Customer interview": an MP4 of 655,360 bytes first, then an M4A and a transcript. */
  private static final long MEETING = 81000000011L;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path home;

  @TempDir
  Path work;

  /** A CLI process that Ctrl-C reaches even when the build runs as a background job (which ignores SIGINT). */
  private ChildJvm patchbay(String name, String... args) throws IOException {
    String[] withHome = Stream.concat(Stream.of(args), Stream.of("--home", home.toString())).toArray(String[]::new);
    return ChildJvm.startInterruptible(name, work.resolve(name + ".log"), Map.of(), Main.class.getName(), withHome);
  }

  /**
   * Ctrl-C while the first file downloads: exit 130 and the resume command printed, the bytes kept in its
   * {@code .part}; the resume asks only for the rest (one request with {@code Range}) and ends with whole files.
   */
  @Test
  void ctrlCDuringADownloadPrintsTheResumeCommandAndTheResumeGoesOnFromThePartBytes() throws Exception {
    Path folder = work.resolve("archive");
    Path workflow = Files.writeString(work.resolve("download.yaml"), """
        name: download one recording
        steps:
          - id: download
            activity: zoom/recordings.download
            input: {meetingId: %d, directory: "%s"}
        """.formatted(MEETING, folder));
    try (PatchbayRuntime runtime = E2e.runtimeLikeTheCli(home)) {
      RunningSandbox running = E2e.startSandbox(runtime);
      E2e.connect(runtime, running, "server-to-server", "work");
      SandboxHttp sandbox = new SandboxHttp(running);
      // About 40 s for the MP4: long enough to be interrupted in the middle.
      sandbox.control("{\"downloadBytesPerSecond\": 16384}");

      String runId;
      try (ChildJvm run = patchbay("run", "run", workflow.toString(), "--connection", "zoom=work")) {
        Path part = awaitPartBytes(folder);
        run.interrupt();

        assertEquals(130, run.awaitExit(WAIT), run.output());
        String output = run.output();
        Matcher started = Pattern.compile("(?m)^Run (\\S+) \\(1 step\\)$").matcher(output);
        assertTrue(started.find(), output);
        runId = started.group(1);
        assertTrue(output.contains("Interrupted: run " + runId + " stopped before it ended. Go on with: patchbay run "
            + "--resume " + runId + "\n"), output);
        assertTrue(Files.size(part) > 0, "the bytes downloaded are kept: " + part);
      }
      assertEquals(0, sandbox.rangedRequests("/"));
      sandbox.control("{\"downloadBytesPerSecond\": 0}");

      CliRun resumed = CliRun.inHome(home, "run", "--resume", runId);

      assertEquals(0, resumed.exitCode(), resumed::toString);
      assertTrue(resumed.out().startsWith("Resuming run " + runId + " (1 step)\n"), resumed::toString);
      assertEquals(1, sandbox.rangedRequests("/"), "one request asked for the rest of the .part file");
      try (Stream<Path> files = Files.list(folder)) {
        assertEquals(List.of(143360L, 262144L, 655360L), files.map(InterruptedRunProcessTest::size).sorted().toList(),
            "the three files whole, no .part left");
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits (bounded) until a download's {@code .part} file holds some bytes. */
  private static Path awaitPartBytes(Path folder) throws IOException, InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          Optional<Path> part = files.filter(file -> file.getFileName().toString().endsWith(".part")).findFirst();
          if (part.isPresent() && Files.size(part.get()) > 0) {
            return part.get();
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no .part file with bytes in " + folder + " within " + WAIT);
  }

  /** Item 20: a port in use is one line and exit 2, without a logger's ERROR above it. */
  @Test
  void serveOnAPortInUseSaysSoInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ChildJvm serve = patchbay("serve", "serve", "--port", String.valueOf(taken.getLocalPort()))) {

      assertEquals(2, serve.awaitExit(WAIT), serve.output());
      assertEquals("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (is the port in use, or the "
          + "address not this machine's?)\n", serve.output());
    }
  }
}
