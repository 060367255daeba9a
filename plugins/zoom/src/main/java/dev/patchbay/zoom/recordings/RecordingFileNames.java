package dev.patchbay.zoom.recordings;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Names downloaded recording files {@code <meeting number>_<recording type>_<file id>.<extension>}: only parts that
 * never change for a file, so an archive run again finds what it saved before (a start time would not do: the
 * sandbox's recordings move with its clock). Every part comes from the provider, so each is cut down to
 * {@code [A-Za-z0-9_-]}: no separator, no dot, so no part can climb out of the target directory, and the extension's
 * dot is the name's only one.
 */
final class RecordingFileNames {

  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]+");
  private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
  /** Keeps a name well under the 255 bytes file systems allow. */
  private static final int MAX_PART_LENGTH = 64;

  private final Set<String> used = new HashSet<>();

  /** A name not handed out before by this instance: ids that differ only in unsafe characters would collide. */
  String next(String meetingNumber, String meetingId, JsonNode file) {
    String stem = part("meeting", meetingNumber, meetingId) + "_"
        + part("recording", file.path("recording_type").asString(null), file.path("file_type").asString(null)) + "_"
        + part("file", file.path("id").asString(null));
    String extension = part("bin", file.path("file_extension").asString("").toLowerCase(Locale.ROOT));
    String name = stem + "." + extension;
    for (int n = 2; !used.add(name); n++) {
      name = stem + "-" + n + "." + extension;
    }
    return name;
  }

  /** The first candidate that is still non-empty once sanitized, else the fallback. */
  private static String part(String fallback, String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null) {
        String safe = EDGE_UNDERSCORES.matcher(UNSAFE.matcher(candidate).replaceAll("_")).replaceAll("");
        if (!safe.isEmpty()) {
          return safe.length() > MAX_PART_LENGTH ? safe.substring(0, MAX_PART_LENGTH) : safe;
        }
      }
    }
    return fallback;
  }
}
