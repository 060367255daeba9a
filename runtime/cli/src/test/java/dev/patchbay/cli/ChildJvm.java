package dev.patchbay.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM started by a test on the test's own classpath, its output in a log file. Every wait on it is bounded, and
 * {@link #close()} kills it, so a test never hangs on a child.
 */
final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code args}, small and quick to start, its output in {@code log}. */
  static ChildJvm start(String name, Path log, Map<String, String> environment, String mainClass, String... args)
      throws IOException {
    return start(name, log, environment, List.of(), mainClass, args);
  }

  /**
   * {@link #start}, with {@code SIGINT} handled as from a terminal, so that {@link #interrupt} reaches it: a build
   * run as a background job of a shell starts its processes ignoring it, and a JVM leaves an ignored one ignored.
   */
  static ChildJvm startInterruptible(String name, Path log, Map<String, String> environment, String mainClass,
      String... args) throws IOException {
    return start(name, log, environment, List.of("env", "--default-signal=INT"), mainClass, args);
  }

  private static ChildJvm start(String name, Path log, Map<String, String> environment, List<String> launcher,
      String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    // A fresh log: what an earlier build's process said must not pass for this one's.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(environment);
    return new ChildJvm(name, builder.start(), log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String name() {
    return name;
  }

  /** Waits until its output contains {@code text}; fails when it exits first or after {@code timeout}. */
  void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited (" + process.exitValue() + ") before saying '" + text + "':\n"
            + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " did not say '" + text + "' within " + timeout + ":\n" + Files.readString(log));
  }

  /** What it has written so far, standard output and error together. */
  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Waits for it to exit, at most {@code timeout}, and gives its exit code. */
  int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Ctrl-C: {@code SIGINT}, which runs its shutdown hooks; for a JVM started {@link #startInterruptible}. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pid())).inheritIO().start();
    if (!kill.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -INT " + pid() + " failed");
    }
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is handed back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not die within 30 s of SIGKILL");
    }
  }

  /** Kills it if it still runs; an interrupted wait for its death leaves the interrupt set and gives up waiting. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
