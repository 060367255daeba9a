package dev.patchbay.engine.workflows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking mutated copies of the example workflows (examples/workflows/*.yaml): a workflow file is the user's input,
 * so whatever it holds, {@link Workflows#check} answers with problems, each with a message and a line inside the file
 * (0 for the file as a whole), and nothing escapes: no YAML parser exception, no stack overflow on deep nesting.
 */
class WorkflowCheckFuzzTest {

  private static final List<String> YAML_TOKENS = List.of("{", "}", "[", "]", ",", ":", ": ", "- ", "? ", "|", ">",
      "&a ", "*a", "<<: *a", "!!binary ", "!!python/object ", "!<tag> ", "---\n", "...\n", "%YAML 1.2\n", "\t", "\"",
      "'", "#", "${", "}}", "${inputs.", "${steps.", "\u0000", "\ufeff", "\ud83d\ude00", ".inf", ".nan", "0x1F",
      "1e999", "~", "null", "\n  ", "\n", "\r");

  @TempDir
  Path folder;

  private static List<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("examples.dir", "../../examples/workflows")))) {
      List<String> texts = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        texts.add(Files.readString(file));
      }
      return texts;
    }
  }

  private void checkHolds(WorkflowFixture fixture, Fuzz fuzz, int index, String what, byte[] bytes)
      throws IOException {
    Path file = Files.write(folder.resolve("fuzz-" + index + ".yaml"), bytes);
    int lines = (int) new String(bytes, StandardCharsets.UTF_8).lines().count() + 1;
    List<WorkflowProblem> problems;
    try {
      problems = fixture.workflows.check(file, Map.of(), Map.of());
    } catch (Throwable t) {
      throw new AssertionError(fuzz.where(index, what) + ": " + t + " escaped the check; "
          + fuzz.keep("workflow", index, bytes), t);
    }
    for (WorkflowProblem problem : problems) {
      String where = fuzz.where(index, what) + ": " + problem;
      assertTrue(problem.message() != null && !problem.message().isBlank(), where);
      assertTrue(problem.line() >= 0 && problem.line() <= lines, where + " (the file has " + lines + " lines)");
    }
    Files.delete(file);
  }

  @Test
  void mutatedExampleWorkflowsGiveProblemsWithLines() throws IOException {
    Fuzz fuzz = Fuzz.start();
    WorkflowFixture fixture = new WorkflowFixture(folder);
    List<String> examples = examples();
    assertTrue(examples.size() >= 3, "the examples are there");
    for (int i = 0; i < Fuzz.cases(250); i++) {
      StringBuilder what = new StringBuilder();
      byte[] bytes = fuzz.pick(examples).getBytes(StandardCharsets.UTF_8);
      for (int n = fuzz.between(1, 4); n > 0; n--) {
        bytes = mutate(fuzz, bytes, what);
      }
      checkHolds(fixture, fuzz, i, what.toString(), bytes);
    }
  }

  @Test
  void deepNestingInAWorkflow() throws IOException {
    Fuzz fuzz = Fuzz.start();
    WorkflowFixture fixture = new WorkflowFixture(folder);
    int index = 0;
    for (int depth : new int[] {10, 49, 50, 51, 100, 499, 500, 501, 10_000}) {
      checkHolds(fixture, fuzz, index++, "flow sequences " + depth + " deep",
          ("steps: " + "[".repeat(depth) + "]".repeat(depth) + "\n").getBytes(StandardCharsets.UTF_8));
      checkHolds(fixture, fuzz, index++, "flow mappings " + depth + " deep",
          ("steps: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n").getBytes(StandardCharsets.UTF_8));
      StringBuilder block = new StringBuilder("steps:\n");
      for (int level = 1; level <= Math.min(depth, 2_000); level++) {
        block.append(" ".repeat(level)).append("a:\n");
      }
      checkHolds(fixture, fuzz, index++, "block mappings " + depth + " deep",
          block.toString().getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder aliases = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      String previous = "*" + (char) (c - 1);
      aliases.append(c).append(": &").append(c).append(" [").append(String.join(", ", previous, previous, previous,
          previous, previous, previous, previous, previous, previous)).append("]\n");
    }
    checkHolds(fixture, fuzz, index, "billion laughs", aliases.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] mutate(Fuzz fuzz, byte[] in, StringBuilder what) {
    int at = in.length == 0 ? 0 : fuzz.random.nextInt(in.length);
    String text = new String(in, StandardCharsets.UTF_8);
    switch (fuzz.random.nextInt(6)) {
      case 0 -> {
        byte[] out = in.clone();
        if (out.length > 0) {
          out[at] ^= (byte) (1 << fuzz.random.nextInt(8));
        }
        what.append("flip@").append(at).append(' ');
        return out;
      }
      case 1 -> {
        what.append("truncate@").append(at).append(' ');
        return Arrays.copyOf(in, at);
      }
      case 2 -> {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
          lines.add("");
        }
        int line = fuzz.random.nextInt(lines.size());
        switch (fuzz.random.nextInt(3)) {
          case 0 -> lines.remove(line);
          case 1 -> lines.add(line, lines.get(line));
          default -> lines.set(line, " ".repeat(fuzz.between(1, 5)) + lines.get(line));
        }
        what.append("line ").append(line + 1).append(' ');
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        int offset = fuzz.random.nextInt(text.length() + 1);
        what.append("token@").append(offset).append(' ');
        String token = fuzz.pick(YAML_TOKENS);
        return (text.substring(0, offset) + token + text.substring(offset)).getBytes(StandardCharsets.UTF_8);
      }
      case 4 -> {
        int offset = fuzz.random.nextInt(text.length() + 1);
        what.append("long value@").append(offset).append(' ');
        return (text.substring(0, offset) + "x".repeat(fuzz.between(1_000, 50_000)) + text.substring(offset))
            .getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        byte[] out = Arrays.copyOf(in, in.length + 1);
        System.arraycopy(in, at, out, at + 1, in.length - at);
        out[at] = (byte) fuzz.pick(List.of(0xff, 0xc0, 0x80, 0xed)).intValue();
        what.append("bad-utf8@").append(at).append(' ');
        return out;
      }
    }
  }
}
