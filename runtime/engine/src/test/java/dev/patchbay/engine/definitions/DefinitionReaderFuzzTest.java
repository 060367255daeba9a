package dev.patchbay.engine.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.testing.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link DefinitionReader} on arbitrary bytes and on mutations of the real Zoom definition (RELIABILITY R27): a
 * plugin's definition is untrusted input, so whatever its bytes, reading either gives a definition or throws
 * {@link InvalidDefinitionException} with at least one problem and a message. Nothing else escapes: no parser or
 * validator exception, no {@link StackOverflowError} on deep nesting. Input sizes stay under the reader's own 4 MiB
 * limit so that a case costs milliseconds; time is not asserted. A mutation that leaves valid JSON is checked against
 * the meta-schemas, which costs most: hence fewer structural cases than byte ones.
 */
class DefinitionReaderFuzzTest {

  /** Where a text mutation puts raw JSON: a string value no definition holds, replaced after serialising. */
  private static final String HOLE = "\u0000hole\u0000";
  private static final String HOLE_JSON = "\"\\u0000hole\\u0000\"";

  private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0,
      (byte) 0x80}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0x80},
      new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {0});

  private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800",
      "null", "true", "-", "0", "1e999999", "-0.0e-99999", "NaN", "/*", "//", "'", "\t", "\n", "\u2028", "\ufeff");

  private static final List<String> ODD_VALUES = List.of("null", "true", "0", "-1", "1.5", "\"\"", "[]", "{}",
      "[null]", "{\"\":null}", "\"x\"", "1e400", "-1e400", "4.9e-325", "123456789012345678901234567890",
      "9223372036854775808", "\"\\ud800\"", "\"\\u0000\"", "[[[]]]", "{\"type\":\"object\"}");

  private static final List<String> SHAPES = List.of("array", "object", "not", "properties");

  private static byte[] zoom;
  private static ObjectNode zoomTree;
  private final DefinitionReader reader = new DefinitionReader();

  @BeforeAll
  static void readZoom() throws IOException {
    zoom = Files.readAllBytes(Path.of(System.getProperty("zoom.definition", "../../connector-defs/zoom.json")));
    zoomTree = (ObjectNode) Json.MAPPER.readTree(zoom);
  }

  /** The property: a definition, or the declared exception with its problems said. */
  private void readChecked(Fuzz fuzz, int index, String what, byte[] bytes) {
    try {
      reader.read("fuzz.json", bytes);
    } catch (InvalidDefinitionException e) {
      String where = fuzz.where(index, what);
      assertFalse(e.problems().isEmpty(), where);
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), where);
      for (DefinitionProblem problem : e.problems()) {
        assertTrue(problem.message() != null && !problem.message().isBlank(), where + ": " + problem);
      }
    } catch (Throwable t) {
      throw new AssertionError(fuzz.where(index, what) + ": " + t + " escaped the reader; "
          + fuzz.keep("definition", index, bytes), t);
    }
  }

  @Test
  void theRealDefinitionIsRead() throws Exception {
    assertTrue(reader.read("zoom.json", zoom).operations().size() > 10);
  }

  @Test
  void byteMutationsOfTheZoomDefinition() {
    Fuzz fuzz = Fuzz.start();
    for (int i = 0; i < Fuzz.cases(800); i++) {
      byte[] bytes = zoom;
      StringBuilder what = new StringBuilder();
      for (int n = fuzz.between(1, 4); n > 0; n--) {
        bytes = mutateBytes(fuzz, bytes, what);
      }
      readChecked(fuzz, i, what.toString(), bytes);
    }
  }

  @Test
  void structuralMutationsOfTheZoomDefinition() {
    Fuzz fuzz = Fuzz.start();
    for (int i = 0; i < Fuzz.cases(150); i++) {
      StringBuilder what = new StringBuilder();
      readChecked(fuzz, i, what.toString(), mutateTree(fuzz, what).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void arbitraryBytesAndTokenSoup() {
    Fuzz fuzz = Fuzz.start();
    for (int i = 0; i < Fuzz.cases(3000); i++) {
      byte[] bytes;
      String what;
      if (fuzz.random.nextBoolean()) {
        bytes = new byte[fuzz.random.nextInt(300)];
        fuzz.random.nextBytes(bytes);
        what = "random bytes";
      } else {
        StringBuilder soup = new StringBuilder();
        for (int n = fuzz.random.nextInt(60); n > 0; n--) {
          soup.append(fuzz.pick(fuzz.random.nextBoolean() ? TOKENS : ODD_VALUES));
        }
        bytes = soup.toString().getBytes(StandardCharsets.UTF_8);
        what = "token soup";
      }
      readChecked(fuzz, i, what, bytes);
    }
  }

  /** Nesting far past any real definition, where a recursive parser or validator would overflow its stack. */
  @Test
  void deepNestingAnywhere() {
    Fuzz fuzz = Fuzz.start();
    int index = 0;
    for (int depth : new int[] {50, 99, 100, 101, 250, 480, 499, 500, 501, 10_000, 100_000}) {
      for (String shape : SHAPES) {
        String what = shape + " nesting " + depth + " deep";
        readChecked(fuzz, index++, what + " alone", nested(shape, depth).getBytes(StandardCharsets.UTF_8));
        readChecked(fuzz, index++, what + " in an input schema", zoomWithDeepInput(nested(shape, depth)));
      }
    }
  }

  @Test
  void nestingPastTheLimitIsRefusedWithTheLimitNamed() {
    for (String shape : SHAPES) {
      InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
          () -> reader.read("deep.json", nested(shape, 10_000).getBytes(StandardCharsets.UTF_8)));
      assertEquals(1, e.problems().size(), shape);
      assertTrue(e.getMessage().startsWith("deep.json: (document): not valid JSON: Document nesting depth ("
          + (DefinitionReader.MAX_DEPTH + 1) + ") exceeds the maximum allowed (" + DefinitionReader.MAX_DEPTH),
          e.getMessage());
    }
  }

  /**
   * A valid definition nested exactly as deep as allowed is read on a thread with the JVM's usual 1 MiB stack: a
   * chain of {@code not} is the deepest the validator recurses for the nesting.
   */
  @Test
  void aDefinitionAtTheDepthLimitIsReadWithoutOverflowingTheStack() throws Exception {
    // The input schema's properties are 5 levels down; the chain's innermost {} is one more.
    byte[] atLimit = zoomWithDeepInput(nested("not", DefinitionReader.MAX_DEPTH - 6));
    byte[] pastLimit = zoomWithDeepInput(nested("not", DefinitionReader.MAX_DEPTH - 5));
    Object[] outcome = new Object[2];
    Thread thread = new Thread(null, () -> {
      for (int i = 0; i < 2; i++) {
        try {
          outcome[i] = reader.read("deep.json", i == 0 ? atLimit : pastLimit);
        } catch (Throwable t) {
          outcome[i] = t;
        }
      }
    }, "one-mib-stack", 1024 * 1024);
    thread.start();
    thread.join();

    assertTrue(outcome[0] instanceof ConnectorDefinition, String.valueOf(outcome[0]));
    assertTrue(outcome[1] instanceof InvalidDefinitionException e && e.getMessage().contains("nesting depth"),
        String.valueOf(outcome[1]));
  }

  /** The regression corpus: inputs found or written by hand, in test resources fuzz/definitions/. */
  @Test
  void regressionCorpus() throws IOException {
    Fuzz fuzz = Fuzz.start();
    List<Path> files = Fuzz.corpus("definitions");
    for (int i = 0; i < files.size(); i++) {
      readChecked(fuzz, i, "corpus " + files.get(i).getFileName(), Files.readAllBytes(files.get(i)));
    }
    assertTrue(files.size() > 5, "the corpus is there: " + files);
  }

  /**
   * {@code depth} levels of arrays, of objects, or of JSON Schemas nesting a {@code not} or their properties (which
   * the reader checks against the JSON Schema meta-schema, recursively).
   */
  static String nested(String shape, int depth) {
    return switch (shape) {
      case "array" -> "[".repeat(depth) + "]".repeat(depth);
      case "object" -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      case "not" -> "{\"not\":".repeat(depth) + "{}" + "}".repeat(depth);
      default -> "{\"type\":\"object\",\"properties\":{\"a\":".repeat(depth) + "{}" + "}}".repeat(depth);
    };
  }

  /** The Zoom definition with {@code json} as the schema of a property of its first operation's input. */
  private static byte[] zoomWithDeepInput(String json) {
    ObjectNode copy = zoomTree.deepCopy();
    ((ObjectNode) copy.path("operations").get(0).path("input").path("properties")).put("deep", HOLE);
    return Json.MAPPER.writeValueAsString(copy).replace(HOLE_JSON, json).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutateBytes(Fuzz fuzz, byte[] in, StringBuilder what) {
    int at = in.length == 0 ? 0 : fuzz.random.nextInt(in.length);
    byte[] out;
    switch (fuzz.random.nextInt(6)) {
      case 0 -> {
        out = in.clone();
        if (out.length > 0) {
          out[at] ^= (byte) (1 << fuzz.random.nextInt(8));
        }
        what.append("flip@").append(at).append(' ');
      }
      case 1 -> {
        out = java.util.Arrays.copyOf(in, at);
        what.append("truncate@").append(at).append(' ');
      }
      case 2 -> {
        int end = Math.min(in.length, at + fuzz.between(1, 200));
        out = splice(in, at, end, new byte[0]);
        what.append("delete@").append(at).append('-').append(end).append(' ');
      }
      case 3 -> {
        int end = Math.min(in.length, at + fuzz.between(1, 200));
        byte[] copy = java.util.Arrays.copyOfRange(in, at, end);
        int to = in.length == 0 ? 0 : fuzz.random.nextInt(in.length);
        out = splice(in, to, to, copy);
        what.append("duplicate@").append(at).append('-').append(end).append("->").append(to).append(' ');
      }
      case 4 -> {
        out = splice(in, at, at, fuzz.pick(BAD_UTF8));
        what.append("bad-utf8@").append(at).append(' ');
      }
      default -> {
        out = splice(in, at, at, fuzz.pick(TOKENS).getBytes(StandardCharsets.UTF_8));
        what.append("token@").append(at).append(' ');
      }
    }
    return out;
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }

  /** A copy of the Zoom definition with one node removed, duplicated or replaced, as JSON text. */
  private static String mutateTree(Fuzz fuzz, StringBuilder what) {
    ObjectNode copy = zoomTree.deepCopy();
    List<String> pointers = new ArrayList<>();
    containers(copy, "", pointers);
    String pointer = fuzz.pick(pointers);
    ContainerNode<?> container = (ContainerNode<?>) copy.at(pointer);
    if (container.isEmpty()) {
      what.append("empty ").append(pointer);
      return Json.MAPPER.writeValueAsString(copy);
    }
    int index = fuzz.random.nextInt(container.size());
    String key = container instanceof ObjectNode object ? object.propertyNames().stream().skip(index).findFirst()
        .orElseThrow() : null;
    String raw = null;
    int kind = fuzz.random.nextInt(6);
    what.append(switch (kind) {
      case 0 -> "delete";
      case 1 -> "duplicate";
      case 2 -> "odd value";
      case 3 -> "huge string";
      case 4 -> "deep nesting";
      default -> "huge number";
    }).append(" at ").append(pointer).append('/').append(key != null ? key : index);
    switch (kind) {
      case 0 -> {
        if (container instanceof ObjectNode object) {
          object.remove(key);
        } else {
          ((ArrayNode) container).remove(index);
        }
      }
      case 1 -> {
        if (container instanceof ObjectNode object) {
          // A tree cannot hold a key twice: the hole becomes a second member of the same name in the text.
          object.put(HOLE, "x");
          return Json.MAPPER.writeValueAsString(copy).replace(HOLE_JSON + ":\"x\"",
              Json.MAPPER.writeValueAsString(key) + ":" + Json.MAPPER.writeValueAsString(object.get(key)));
        }
        ((ArrayNode) container).insert(index, container.get(index).deepCopy());
      }
      case 2 -> raw = fuzz.pick(ODD_VALUES);
      case 3 -> raw = Json.MAPPER.writeValueAsString(String.valueOf((char) fuzz.between(32, 0x3000))
          .repeat(fuzz.between(10_000, 400_000)));
      case 4 -> raw = nested(fuzz.pick(SHAPES),
          fuzz.between(1, fuzz.random.nextBoolean() ? DefinitionReader.MAX_DEPTH : 1_200));
      default -> raw = fuzz.pick(List.of("-", "", "0.")) + "9".repeat(fuzz.between(15, 3_000))
          + fuzz.pick(List.of("", "e9999999999", "E-400", ".0"));
    }
    if (raw == null) {
      return Json.MAPPER.writeValueAsString(copy);
    }
    if (container instanceof ObjectNode object) {
      object.put(key, HOLE);
    } else {
      ((ArrayNode) container).set(index, HOLE);
    }
    return Json.MAPPER.writeValueAsString(copy).replace(HOLE_JSON, raw);
  }

  private static void containers(JsonNode node, String pointer, List<String> into) {
    if (!node.isContainer()) {
      return;
    }
    into.add(pointer);
    if (node.isObject()) {
      for (String name : node.propertyNames()) {
        containers(node.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), into);
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        containers(node.get(i), pointer + "/" + i, into);
      }
    }
  }
}
