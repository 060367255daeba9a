package dev.patchbay.maven;

import dev.patchbay.engine.plugins.AdmissionPolicy;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals share: the project, the plugin id, the folder the zip is laid out in. A {@code pom} project (such as
 * patchbay-connector-parent itself, which declares the goals for its children) is skipped.
 */
abstract class PluginMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The plugin id ({@code plugin.id}): lower case letters, digits and '-', starting with a letter. */
  @Parameter(property = "patchbay.plugin.id")
  String pluginId;

  @Parameter(defaultValue = "${project.build.directory}/patchbay-plugin", readonly = true)
  File pluginDirectory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if ("pom".equals(project.getPackaging())) {
      getLog().debug("a pom project has no plugin to build");
      return;
    }
    if (pluginId == null || pluginId.isBlank()) {
      throw new MojoFailureException("set the plugin id: <properties><patchbay.plugin.id>your-id</patchbay.plugin.id>"
          + "</properties>");
    }
    if (!AdmissionPolicy.isPluginId(pluginId)) {
      throw new MojoFailureException("patchbay.plugin.id '" + pluginId + "' is not a plugin id ("
          + AdmissionPolicy.PLUGIN_ID_RULE + ")");
    }
    run();
  }

  abstract void run() throws MojoExecutionException, MojoFailureException;
}
