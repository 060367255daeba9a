package dev.patchbay.engine.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operator's plugin admission policy, {@code $PATCHBAY_HOME/config/plugins.properties}: which plugin ids may be
 * loaded ({@code allow = zoom, acme-crm}) and, per id, the SHA-256 its archive must have
 * ({@code sha256.zoom = <64 hex digits>}). Without the file every plugin is admitted, as before policies existed.
 *
 * <p>A file that cannot be read or is malformed refuses every plugin (fails closed): the file's existence says the
 * operator wants only what it lists to run, and a typo such as {@code sha265.zoom} must not quietly turn a pin off
 * and let a tampered archive in. Plugins already running are not stopped by a policy that breaks later; every archive
 * checked from then on is refused, with the line to fix.
 *
 * @param file where the policy is read from
 * @param present whether the file exists; when not, every plugin is admitted
 * @param allowed the plugin ids that may be loaded
 * @param pins the archive SHA-256 (lower-case hex) each pinned plugin id must have
 * @param problems why the file cannot be used, each naming its line; none when it is well-formed
 */
public record AdmissionPolicy(Path file, boolean present, SortedSet<String> allowed, SortedMap<String, String> pins,
    List<String> problems) {

  /** The policy file's name in {@code $PATCHBAY_HOME/config}. */
  public static final String FILE_NAME = "plugins.properties";
  static final String ALLOW = "allow";
  public static final String PIN_PREFIX = "sha256.";
  /** What {@link #isPluginId} accepts, in words. */
  public static final String PLUGIN_ID_RULE = "lower-case letters, digits and '-', starting with a letter";
  private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-fA-F]{64}$");

  public AdmissionPolicy {
    allowed = Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
    pins = Collections.unmodifiableSortedMap(new TreeMap<>(pins));
    problems = List.copyOf(problems);
  }

  /** Reads the policy file now; a missing file is no policy, an unreadable one refuses everything. */
  public static AdmissionPolicy read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new AdmissionPolicy(file, false, new TreeSet<>(), new TreeMap<>(), List.of());
    } catch (IOException e) {
      return new AdmissionPolicy(file, true, new TreeSet<>(), new TreeMap<>(),
          List.of("cannot be read (" + e.getMessage() + "); make it readable by the user running Patchbay"));
    }
    return parse(file, lines);
  }

  /**
   * Parses the policy's lines: {@code key = value}, blank lines and {@code #} comments ignored. Every problem is
   * collected, each with its line number, so one run of the operator fixes them all.
   */
  static AdmissionPolicy parse(Path file, List<String> lines) {
    List<String> problems = new ArrayList<>();
    SortedSet<String> allowed = new TreeSet<>();
    Integer allowLine = null;
    Map<String, String> pins = new LinkedHashMap<>();
    Map<String, Integer> pinLines = new LinkedHashMap<>();
    for (int index = 0; index < lines.size(); index++) {
      int number = index + 1;
      String line = lines.get(index).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        problems.add("line " + number + ": '" + line + "' is not 'key = value'");
        continue;
      }
      String key = line.substring(0, equals).strip();
      String value = line.substring(equals + 1).strip();
      if (key.equals(ALLOW)) {
        if (allowLine != null) {
          problems.add("line " + number + ": allow is given again (first on line " + allowLine
              + "); list every plugin id on one allow line");
          continue;
        }
        allowLine = number;
        for (String id : value.split(",")) {
          String trimmed = id.strip();
          if (trimmed.isEmpty()) {
            continue;
          }
          if (isPluginId(trimmed)) {
            allowed.add(trimmed);
          } else {
            problems.add("line " + number + ": '" + trimmed + "' in allow is not a plugin id (" + PLUGIN_ID_RULE + ")");
          }
        }
      } else if (key.startsWith(PIN_PREFIX)) {
        String id = key.substring(PIN_PREFIX.length());
        if (!isPluginId(id)) {
          problems.add("line " + number + ": '" + id + "' in " + key + " is not a plugin id (" + PLUGIN_ID_RULE + ")");
        } else if (pinLines.containsKey(id)) {
          problems.add("line " + number + ": " + key + " is given again (first on line " + pinLines.get(id)
              + "); an id has one pin");
        } else if (!SHA256_HEX.matcher(value).matches()) {
          problems.add("line " + number + ": " + key + " must be the archive's SHA-256 as 64 hex digits, not '"
              + value + "'; 'patchbay plugins pin ZIP' prints it");
        } else {
          pins.put(id, value.toLowerCase(Locale.ROOT));
          pinLines.put(id, number);
        }
      } else {
        problems.add("line " + number + ": unknown key '" + key + "'; the keys are " + ALLOW + " and " + PIN_PREFIX
            + "<plugin id>");
      }
    }
    if (allowLine == null) {
      problems.add("has no allow line; list the plugin ids to admit, e.g. allow = zoom");
    } else {
      for (Map.Entry<String, Integer> pin : pinLines.entrySet()) {
        if (!allowed.contains(pin.getKey())) {
          problems.add("line " + pin.getValue() + ": " + PIN_PREFIX + pin.getKey() + " pins plugin '" + pin.getKey()
              + "', which the allow line (line " + allowLine + ") does not list; add it there or remove the pin");
        }
      }
    }
    return new AdmissionPolicy(file, true, allowed, new TreeMap<>(pins), problems);
  }

  /** Whether {@code id} is a valid plugin id ({@link #PLUGIN_ID_RULE}). */
  public static boolean isPluginId(String id) {
    return id != null && PatchbayPluginManager.PLUGIN_ID.matcher(id).matches();
  }

  /**
   * Why the archive may not be loaded, or empty when it may.
   *
   * @param pluginId the id its {@code plugin.properties} declares, or null when it declares none
   * @param digest its SHA-256 in lower-case hex
   */
  public Optional<String> refusal(Path archive, String pluginId, String digest) {
    if (!present) {
      return Optional.empty();
    }
    if (!problems.isEmpty()) {
      return Optional.of("the admission policy " + file + " is malformed, so no plugin is admitted until it is "
          + "fixed: " + String.join("; ", problems));
    }
    if (pluginId == null || pluginId.isBlank()) {
      return Optional.of("declares no plugin.id in its plugin.properties, so the admission policy " + file
          + " cannot allow it");
    }
    if (!allowed.contains(pluginId)) {
      return Optional.of("plugin id '" + pluginId + "' is not allowed by the admission policy " + file
          + "; to admit it, add it to the allow line, or run 'patchbay plugins pin " + archive + " --write' "
          + "(allows and pins this archive)");
    }
    String expected = pins.get(pluginId);
    if (expected != null && !expected.equals(digest)) {
      return Optional.of("SHA-256 mismatch: the admission policy " + file + " pins plugin '" + pluginId
          + "' to " + expected + " (" + PIN_PREFIX + pluginId + ") but this archive's SHA-256 is " + digest
          + "; it is not the archive that was pinned. If it is a release you trust, run 'patchbay plugins pin "
          + archive + " --write'");
    }
    return Optional.empty();
  }

  /** One line for listings: whether there is a policy, and what it allows and pins. */
  public String summary() {
    if (!present) {
      return "no admission policy (" + file + " does not exist): every plugin is admitted";
    }
    if (!problems.isEmpty()) {
      return "admission policy " + file + " is malformed, every plugin is refused: " + String.join("; ", problems);
    }
    return "admission policy " + file + ": allows " + (allowed.isEmpty() ? "no plugin" : String.join(", ", allowed))
        + "; pins " + (pins.isEmpty() ? "none" : String.join(", ", pins.keySet()));
  }
}
