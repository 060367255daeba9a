package dev.patchbay.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packs the plugin zip {@code target/<id>-<version>.zip}, what you drop into {@code $PATCHBAY_HOME/plugins}:
 * {@code plugin.properties} at the root, the plugin's jar and the libraries it bundles in {@code lib/}. The zip is
 * attached to the project (type {@code zip}) and is byte-for-byte the same for the same content, so an admission pin
 * ({@code patchbay plugins pin}) survives a rebuild.
 */
@Mojo(name = "zip", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ZipMojo extends PluginMojo {

  /** Entries get this time: the zip's bytes depend on its content only. */
  private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L); // 1980-01-01T00:00:00Z

  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  java.io.File buildDirectory;

  private final MavenProjectHelper projectHelper;

  /** Maven's container gives the helper (JSR-330; the older {@code @Component} field injection is deprecated). */
  @Inject
  public ZipMojo(MavenProjectHelper projectHelper) {
    this.projectHelper = projectHelper;
  }

  @Override
  void run() throws MojoExecutionException {
    Path jar = project.getArtifact().getFile() == null ? null : project.getArtifact().getFile().toPath();
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new MojoExecutionException("the project's jar is not built: run the zip goal in the package phase, after "
          + "the jar plugin");
    }
    if (!Files.isRegularFile(pluginDirectory.toPath().resolve("plugin.properties"))) {
      throw new MojoExecutionException(pluginDirectory + " holds no plugin.properties: the prepare goal must run "
          + "first (patchbay-connector-parent binds it to process-classes)");
    }
    Path zip = buildDirectory.toPath().resolve(pluginId + "-" + project.getVersion() + ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "plugin.properties", pluginDirectory.toPath().resolve("plugin.properties"));
      List<Path> libraries;
      try (Stream<Path> files = Files.list(pluginDirectory.toPath().resolve("lib"))) {
        libraries = files.sorted().toList();
      }
      put(out, "lib/" + project.getArtifactId() + "-" + project.getVersion() + ".jar", jar);
      for (Path library : libraries) {
        put(out, "lib/" + library.getFileName(), library);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + zip + ": " + e.getMessage(), e);
    }
    projectHelper.attachArtifact(project, "zip", zip.toFile());
    getLog().info("plugin zip " + zip);
  }

  private static void put(ZipOutputStream out, String name, Path file) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setLastModifiedTime(FIXED_TIME);
    out.putNextEntry(entry);
    Files.copy(file, out);
    out.closeEntry();
  }
}
