package dev.patchbay.engine.workflows.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for names a user mistyped: the known name closest by edit distance, when it is close. */
public final class Suggestions {

  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /** {@code " (did you mean 'x'?)"}, or "" when no known name is close. */
  public static String hint(String name, Collection<String> known) {
    return closest(name, known).map(match -> " (did you mean '" + match + "'?)").orElse("");
  }

  static Optional<String> closest(String name, Collection<String> known) {
    return known.stream()
        .filter(candidate -> distance(name, candidate) <= MAX_DISTANCE)
        .min(Comparator.comparingInt((String candidate) -> distance(name, candidate)));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
