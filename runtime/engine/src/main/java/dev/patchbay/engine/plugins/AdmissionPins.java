package dev.patchbay.engine.plugins;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a pin into the operator's {@link AdmissionPolicy} file: {@code sha256.<id> = <digest>}, replacing the id's
 * old pin in place or appending a new line, and adding the id to the allow line when it is not there (a pin for an id
 * the policy does not allow would make the file malformed). Other lines and comments are kept as they are. The file
 * is replaced atomically, mode 0600.
 */
public final class AdmissionPins {

  /**
   * What was written.
   *
   * @param created whether the policy file did not exist before: from now on only what it allows is admitted
   * @param allowed whether the id was added to the allow line
   * @param replacedDigest the id's previous pin, or null when it had none
   */
  public record Written(Path file, String line, boolean created, boolean allowed, String replacedDigest) {}

  private AdmissionPins() {}

  /**
   * Pins {@code pluginId} to {@code digest} in the policy file, creating it when missing.
   *
   * @throws MalformedAdmissionPolicyException when the file exists and is malformed; it is left untouched
   */
  public static Written pin(Path file, String pluginId, String digest)
      throws IOException, MalformedAdmissionPolicyException {
    String pinLine = AdmissionPolicy.PIN_PREFIX + pluginId + " = " + digest;
    if (!Files.exists(file)) {
      OwnerOnlyFiles.createFolders(file.getParent());
      write(file, List.of(
          "# Plugin admission policy: only the plugin ids in allow are loaded, and a pinned id only from the",
          "# archive with that SHA-256. 'patchbay plugins pin ZIP' prints a pin; see the README.",
          AdmissionPolicy.ALLOW + " = " + pluginId,
          pinLine));
      return new Written(file, pinLine, true, true, null);
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    AdmissionPolicy policy = AdmissionPolicy.parse(file, lines);
    if (!policy.problems().isEmpty()) {
      throw new MalformedAdmissionPolicyException("the admission policy " + file + " is malformed; fix it first, "
          + "then pin again: " + String.join("; ", policy.problems()));
    }
    int pinIndex = indexOfKey(lines, AdmissionPolicy.PIN_PREFIX + pluginId);
    if (pinIndex < 0) {
      lines.add(pinLine);
    } else {
      lines.set(pinIndex, pinLine);
    }
    boolean allowing = !policy.allowed().contains(pluginId);
    if (allowing) {
      int allowIndex = indexOfKey(lines, AdmissionPolicy.ALLOW);
      String allowLine = lines.get(allowIndex).stripTrailing();
      lines.set(allowIndex, allowLine + (allowLine.endsWith("=") ? " " : ", ") + pluginId);
    }
    write(file, lines);
    return new Written(file, pinLine, false, allowing, policy.pins().get(pluginId));
  }

  /** The index of the line setting {@code key}, or -1; the policy is well-formed, so there is at most one. */
  private static int indexOfKey(List<String> lines, String key) {
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index).strip();
      int equals = line.indexOf('=');
      if (!line.startsWith("#") && equals > 0 && line.substring(0, equals).strip().equals(key)) {
        return index;
      }
    }
    return -1;
  }

  private static void write(Path file, List<String> lines) throws IOException {
    OwnerOnlyFiles.writeAtomically(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
