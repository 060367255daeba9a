package dev.patchbay.engine.workflows.execution;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Run ids: {@code yyyyMMdd-HHmmss-xxxx}, the UTC start time and 16 random bits, so ids sort by time. */
public final class RunIds {

  private static final Pattern FORMAT = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  /** A new run id for a run starting now. */
  public static String next(Clock clock) {
    byte[] suffix = new byte[2];
    RANDOM.nextBytes(suffix);
    return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** Whether {@code id} has the form of a run id; anything else (a path, "..") is never looked up as a file. */
  public static boolean isValid(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}
