package dev.patchbay.maven;

import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.DefinitionProblem;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.InvalidDefinitionException;
import dev.patchbay.engine.plugins.ConnectorApiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks a connector plugin before its tests run and lays out everything of its zip but its own jar in
 * {@code target/patchbay-plugin}: {@code plugin.properties} and {@code lib/} with the libraries it bundles. The test
 * kit loads the plugin from there and the build's classes; {@code zip} packs it.
 *
 * <p>Fails the build when a definition in {@code connectors/} breaks the meta-schema or a load rule (the checks of
 * {@code patchbay definitions validate}), when its id is not its file name, when the plugin would bundle a library the
 * host supplies, or when the connector API is missing or not {@code provided}.
 */
@Mojo(name = "prepare", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class PrepareMojo extends PluginMojo {

  static final String API_GROUP = "dev.patchbay";
  static final String API_ARTIFACT = "patchbay-connector-api";

  /** {@code plugin.provider}: who ships the plugin. */
  @Parameter(property = "patchbay.plugin.provider", defaultValue = "${project.organization.name}")
  String provider;

  /** {@code plugin.license}, e.g. Apache-2.0. */
  @Parameter(property = "patchbay.plugin.license")
  String license;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
  java.io.File classesDirectory;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    String version = project.getVersion();
    if (!ConnectorApiVersion.isSemanticVersion(version)) {
      throw new MojoFailureException("the project version '" + version + "' is the plugin.version and must be a "
          + "semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)");
    }
    String apiVersion = connectorApiVersion();
    List<Artifact> bundled = project.getArtifacts().stream()
        .filter(artifact -> Artifact.SCOPE_COMPILE.equals(artifact.getScope())
            || Artifact.SCOPE_RUNTIME.equals(artifact.getScope()))
        .filter(artifact -> "jar".equals(artifact.getType()))
        .toList();
    String refusal = HostLibraries.refusal(bundled);
    if (refusal != null) {
      throw new MojoFailureException(refusal);
    }
    checkDefinitions();
    try {
      layOut(bundled, apiVersion);
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException("cannot write " + pluginDirectory + ": " + e.getMessage(), e);
    }
  }

  private String connectorApiVersion() throws MojoFailureException {
    Artifact api = project.getArtifacts().stream()
        .filter(artifact -> API_GROUP.equals(artifact.getGroupId()) && API_ARTIFACT.equals(artifact.getArtifactId()))
        .findFirst()
        .orElseThrow(() -> new MojoFailureException("the plugin does not depend on " + API_GROUP + ":" + API_ARTIFACT
            + ": add it with <scope>provided</scope> (its version says which Patchbay runtimes load the plugin)"));
    if (!Artifact.SCOPE_PROVIDED.equals(api.getScope())) {
      throw new MojoFailureException(API_GROUP + ":" + API_ARTIFACT + " has scope " + api.getScope()
          + ": the host supplies it, declare it with <scope>provided</scope>");
    }
    return api.getBaseVersion();
  }

  private void checkDefinitions() throws MojoFailureException {
    Path connectors = classesDirectory.toPath().resolve("connectors");
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(connectors)) {
      try (DirectoryStream<Path> json = Files.newDirectoryStream(connectors, "*.json")) {
        json.forEach(files::add);
      } catch (IOException e) {
        throw new MojoFailureException("cannot list " + connectors + ": " + e.getMessage(), e);
      }
    }
    if (files.isEmpty()) {
      throw new MojoFailureException("no connector definition: put it at src/main/resources/connectors/<id>.json "
          + "(it ends up in " + connectors + ")");
    }
    files.sort(null);
    DefinitionReader reader = new DefinitionReader();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        ConnectorDefinition definition = reader.read(sourceOf(file), Files.readAllBytes(file));
        String expected = definition.id() + ".json";
        if (!file.getFileName().toString().equals(expected)) {
          problems.add(file + ": the definition of connector '" + definition.id() + "' must be named " + expected);
        } else {
          getLog().info(file.getFileName() + ": valid (" + definition.operations().size() + " operations, "
              + definition.authTypes().size() + " auth types)");
        }
      } catch (InvalidDefinitionException e) {
        for (DefinitionProblem problem : e.problems()) {
          problems.add(problem.toString());
        }
      } catch (IOException e) {
        problems.add(file + ": cannot be read: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(getLog()::error);
      throw new MojoFailureException("invalid connector definition: " + String.join("; ", problems));
    }
  }

  /**
   * The file the author edits for a definition copied into the classes: the resource it came from, relative to the
   * project, or the copy when no resource folder has it.
   */
  private String sourceOf(Path copied) {
    Path relative = classesDirectory.toPath().relativize(copied);
    for (Resource resource : project.getResources()) {
      Path inResource = relative;
      if (resource.getTargetPath() != null) {
        Path target = Path.of(resource.getTargetPath());
        inResource = relative.startsWith(target) ? target.relativize(relative) : null;
      }
      if (inResource != null) {
        Path source = Path.of(resource.getDirectory()).resolve(inResource);
        if (Files.isRegularFile(source)) {
          return project.getBasedir().toPath().relativize(source.toAbsolutePath()).toString();
        }
      }
    }
    return copied.toString();
  }

  private void layOut(List<Artifact> bundled, String apiVersion) throws IOException {
    deleteRecursively(pluginDirectory.toPath());
    Path lib = Files.createDirectories(pluginDirectory.toPath().resolve("lib"));
    for (Artifact artifact : bundled) {
      Files.copy(artifact.getFile().toPath(), lib.resolve(artifact.getFile().getName()));
    }
    PluginProperties properties = new PluginProperties(pluginId, project.getVersion(),
        ConnectorApiVersion.requirementFor(apiVersion), provider, project.getDescription(), license);
    Files.writeString(pluginDirectory.toPath().resolve("plugin.properties"), properties.text());
    getLog().info("plugin " + pluginId + " " + project.getVersion() + ", plugin.requires="
        + ConnectorApiVersion.requirementFor(apiVersion) + " (connector API " + apiVersion + "), "
        + bundled.size() + " bundled librar" + (bundled.size() == 1 ? "y" : "ies"));
  }

  static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
