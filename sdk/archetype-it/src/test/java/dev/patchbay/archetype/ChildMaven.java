package dev.patchbay.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven as a plugin author would, in a child process, on a private local repository: this build's SDK artifacts
 * were installed there (invoker:install), and what else the child needs comes from the outer build's local repository,
 * read as a remote {@code file:} repository, so nothing is written into it and nothing is downloaded that the outer
 * build already has.
 */
final class ChildMaven {

  private final Path mavenHome;
  private final Path repository;
  private final Path settings;
  private final Path logs;

  ChildMaven(Path mavenHome, Path repository, Path hostRepository, Path logs) throws IOException {
    this.mavenHome = mavenHome;
    this.repository = repository;
    this.logs = Files.createDirectories(logs);
    this.settings = logs.resolve("settings.xml");
    String host = hostRepository.toUri().toString();
    Files.writeString(settings, """
        <settings>
          <profiles>
            <profile>
              <id>outer-build-repository</id>
              <repositories>
                <repository><id>outer-build</id><url>%1$s</url></repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository><id>outer-build</id><url>%1$s</url></pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>outer-build-repository</activeProfile></activeProfiles>
        </settings>
        """.formatted(host));
  }

  /** Runs {@code mvn} with {@code arguments} in {@code folder}; the output goes to {@code logs/<name>.log}. */
  Result run(String name, Path folder, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B", "-ntp",
        "-s", settings.toString(), "-Dmaven.repo.local=" + repository));
    command.addAll(List.of(arguments));
    Path log = logs.resolve(name + ".log");
    Process process = new ProcessBuilder(command).directory(folder.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mvn " + String.join(" ", arguments) + " did not finish; see " + log);
    }
    return new Result(process.exitValue(), Files.readString(log), log);
  }

  record Result(int exitCode, String output, Path log) {
    /** The end of the output, enough to see why a build failed. */
    String tail() {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }
}
