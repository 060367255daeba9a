package dev.patchbay.maven;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;

/**
 * The libraries the Patchbay host supplies to every plugin, which a plugin must never bundle: the host's copies win
 * anyway, and the runtime refuses a zip carrying their classes.
 */
final class HostLibraries {

  private HostLibraries() {}

  static boolean isHostLibrary(String groupId, String artifactId) {
    return groupId.equals("dev.patchbay")
        || groupId.equals("org.pf4j")
        || groupId.equals("tools.jackson") || groupId.startsWith("tools.jackson.")
        || (groupId.equals("com.fasterxml.jackson.core") && artifactId.equals("jackson-annotations"))
        || groupId.equals("org.slf4j");
  }

  /** The refusal for the host libraries among a plugin's bundled artifacts, or null when there are none. */
  static String refusal(List<Artifact> bundled) {
    List<Artifact> host = bundled.stream()
        .filter(artifact -> isHostLibrary(artifact.getGroupId(), artifact.getArtifactId()))
        .toList();
    if (host.isEmpty()) {
      return null;
    }
    return "the plugin would bundle libraries the Patchbay host supplies: "
        + host.stream().map(HostLibraries::describe).collect(Collectors.joining("; "))
        + ". Declare them, or the dependency that brings them, with <scope>provided</scope> (or exclude them): the "
        + "runtime refuses a zip carrying their classes";
  }

  private static String describe(Artifact artifact) {
    String coordinates = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion();
    List<String> trail = artifact.getDependencyTrail();
    // The trail starts with the project itself and ends with the artifact.
    if (trail != null && trail.size() > 2) {
      return coordinates + " (" + artifact.getScope() + ", through " + trail.get(1) + ")";
    }
    return coordinates + " (" + artifact.getScope() + ")";
  }
}
