package dev.patchbay.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded input generation for the parser property tests (RELIABILITY R27), in plain JUnit. The build uses one fixed
 * seed, so it fails only on what a change broke, never on an unlucky draw; {@code -Dpatchbay.fuzz.seed=random}
 * explores with a fresh seed (with {@code -Dpatchbay.fuzz.cases=N} for a longer run), and a failure names its seed,
 * so it can be replayed with {@code -Dpatchbay.fuzz.seed=N}. What a failure found belongs in the test's regression corpus (test resources
 * under {@code fuzz/}), which runs every time whatever the seed; the failing input is written to
 * {@code target/fuzz-failures/} to be copied there.
 */
public final class Fuzz {

  private static final String SEED_PROPERTY = "patchbay.fuzz.seed";
  private static final String CASES_PROPERTY = "patchbay.fuzz.cases";
  /** The build's seed. */
  public static final long FIXED_SEED = 20261129L;

  private final long seed;
  public final Random random;

  private Fuzz(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** A generator on the seed given with {@code -Dpatchbay.fuzz.seed}: a number, {@code random}, or the build's. */
  public static Fuzz start() {
    return new Fuzz(seed(System.getProperty(SEED_PROPERTY)));
  }

  /** The seed {@code -Dpatchbay.fuzz.seed} asks for. */
  public static long seed(String given) {
    if (given == null || given.isBlank()) {
      return FIXED_SEED;
    }
    return given.trim().equals("random") ? new Random().nextLong() : Long.parseLong(given.trim());
  }

  /** How many cases to generate: {@code usual}, or more with {@code -Dpatchbay.fuzz.cases} for a longer local run. */
  public static int cases(int usual) {
    return Integer.getInteger(CASES_PROPERTY, usual);
  }

  /** Names the case in a failure: what to run again to see it. */
  public String where(int index, String what) {
    return "case " + index + " (" + what + ") of seed " + seed + "; replay with -D" + SEED_PROPERTY + "=" + seed;
  }

  /** Keeps a failing input where it can be copied into the corpus; returns where it went (or why it did not). */
  public String keep(String target, int index, byte[] input) {
    try {
      Path file = Path.of("target", "fuzz-failures", target + "-" + seed + "-" + index + ".bin");
      Files.createDirectories(file.getParent());
      Files.write(file, input);
      return "input kept in " + file.toAbsolutePath();
    } catch (IOException e) {
      return "input not kept: " + e.getMessage();
    }
  }

  public int between(int fromInclusive, int toExclusive) {
    return fromInclusive + random.nextInt(toExclusive - fromInclusive);
  }

  public <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** The files of a corpus folder of the test resources, sorted by name. */
  public static List<Path> corpus(String folder) {
    URL url = Fuzz.class.getResource("/fuzz/" + folder);
    if (url == null) {
      throw new IllegalStateException("no corpus folder fuzz/" + folder + " in the test resources");
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
