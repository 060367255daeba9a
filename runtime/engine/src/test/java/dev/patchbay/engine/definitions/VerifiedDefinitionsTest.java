package dev.patchbay.engine.definitions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.testing.Definitions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of verified definitions changes how fast a definition is read, never what reading it gives: content
 * recorded as passing is listed from its outline and bound on first use to the same definition; a changed file, a
 * changed meta-schema or another runtime version is checked again in full; a record that is cut short, altered,
 * renamed or of an older format counts as absent; a folder that cannot be written is only slower.
 */
class VerifiedDefinitionsTest {

  private static final byte[] ECHO = Definitions.echoText().getBytes(StandardCharsets.UTF_8);
  /** Breaks the meta-schema: an operation without its output schema. */
  private static final byte[] BROKEN = Definitions.echoWith(definition ->
      ((tools.jackson.databind.node.ObjectNode) definition.get("operations").get(0)).remove("output"))
      .getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path folder;

  private DefinitionReader reader() {
    return new DefinitionReader(new VerifiedDefinitions(folder, "1.0.0"));
  }

  private static CheckedDefinition check(DefinitionReader reader, byte[] content) throws Exception {
    return reader.check("echo.json", content, VerifiedDefinitions.sha256(content));
  }

  private List<Path> records() throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  private String keyOf(byte[] content) throws Exception {
    return new VerifiedDefinitions(folder, "1.0.0").keyOf(VerifiedDefinitions.sha256(metaSchema()),
        VerifiedDefinitions.sha256(content));
  }

  private static byte[] metaSchema() throws Exception {
    try (InputStream in = DefinitionReader.class.getResourceAsStream(
        "/dev/patchbay/engine/definitions/connector-definition.schema.json")) {
      return in.readAllBytes();
    }
  }

  private List<DefinitionProblem> problems(DefinitionReader reader, byte[] content) {
    return assertThrows(InvalidDefinitionException.class, () -> check(reader, content)).problems();
  }

  @Test
  void contentThatPassedIsListedFromItsRecordAndBindsToTheSameDefinition() throws Exception {
    ConnectorDefinition first = check(reader(), ECHO).definition();
    assertEquals(List.of(folder.resolve(keyOf(ECHO))), records());

    CheckedDefinition again = check(reader(), ECHO);

    assertEquals(DefinitionOutline.of(first), again.outline());
    assertEquals("echo", again.id());
    assertEquals(List.of(new DefinitionOutline.Operation("messages.echo", false)), again.outline().operations());
    assertEquals(first, again.definition());
  }

  /** A new home lists the distribution's bundled definitions from the records its build shipped. */
  @Test
  void aRecordTheDistributionShippedServesANewHomeWhichRecordsNothing() throws Exception {
    Path shipped = Files.createDirectories(folder.resolve("shipped"));
    Path home = folder.resolve("home");
    ConnectorDefinition expected = new DefinitionReader(new VerifiedDefinitions(shipped, "1.0.0")).check("echo.json",
        ECHO, VerifiedDefinitions.sha256(ECHO)).definition();
    DefinitionReader reader = new DefinitionReader(new VerifiedDefinitions(home, shipped, "1.0.0"));

    CheckedDefinition fromShipped = reader.check("echo.json", ECHO, VerifiedDefinitions.sha256(ECHO));

    assertEquals(DefinitionOutline.of(expected), fromShipped.outline());
    assertEquals(expected, fromShipped.definition());
    assertFalse(Files.exists(home), "nothing recorded in the home for what the distribution vouched for");
    List<DefinitionProblem> problems = problems(reader, BROKEN);
    assertEquals(problems(new DefinitionReader(), BROKEN), problems, "other content is checked as ever");
  }

  @Test
  void aChangedFileIsCheckedInFull() throws Exception {
    check(reader(), ECHO);

    List<DefinitionProblem> problems = problems(reader(), BROKEN);

    assertEquals(problems(new DefinitionReader(), BROKEN), problems);
    assertEquals(1, records().size(), "only content that passed is recorded");
  }

  @Test
  void aChangedMetaSchemaOrRuntimeVersionChecksAgain() throws Exception {
    check(reader(), ECHO);
    // The same meta-schema, now also limiting a connector's name to two characters: "Echo" breaks it.
    String original = new String(metaSchema(), StandardCharsets.UTF_8);
    String name = "\"name\": { \"type\": \"string\", \"minLength\": 1, \"maxLength\": 80 }";
    assertTrue(original.contains(name), "the meta-schema's connector name rule moved; update this test");
    byte[] stricter = original.replace(name, name.replace("80", "2")).getBytes(StandardCharsets.UTF_8);
    DefinitionReader underStricter = new DefinitionReader(new VerifiedDefinitions(folder, "1.0.0"), stricter);

    List<DefinitionProblem> problems = problems(underStricter, ECHO);

    assertEquals("/name", problems.get(0).pointer());
    assertEquals(new DefinitionReader().read("echo.json", ECHO), check(reader(), ECHO).definition(),
        "the record made under the first meta-schema still serves it");
    DefinitionReader nextVersion = new DefinitionReader(new VerifiedDefinitions(folder, "1.1.0"));
    check(nextVersion, ECHO);
    assertEquals(2, records().size(), "another runtime version checks and records anew");
  }

  @Test
  void aDamagedRecordCountsAsAbsentAndChangesNoVerdict() throws Exception {
    check(reader(), ECHO);
    Path record = folder.resolve(keyOf(ECHO));
    byte[] whole = Files.readAllBytes(record);
    List<UnaryOperator<byte[]>> damages = List.of(
        bytes -> new byte[0],
        bytes -> Arrays.copyOf(bytes, bytes.length - 1),
        bytes -> Arrays.copyOf(bytes, bytes.length / 2),
        bytes -> flipped(bytes, bytes.length / 2),
        bytes -> flipped(bytes, 5),
        bytes -> "not a record".getBytes(StandardCharsets.UTF_8));
    ConnectorDefinition expected = new DefinitionReader().read("echo.json", ECHO);
    for (UnaryOperator<byte[]> damage : damages) {
      Files.write(record, damage.apply(whole));
      assertEquals(Optional.empty(), new VerifiedDefinitions(folder, "1.0.0").outline(keyOf(ECHO)));

      assertEquals(expected, check(reader(), ECHO).definition());
      assertArrayEquals(whole, Files.readAllBytes(record), "checked again, the content is recorded anew");
    }
  }

  @Test
  void aRecordUnderAnotherContentsNameVouchesForNothing() throws Exception {
    check(reader(), ECHO);
    List<DefinitionProblem> expected = problems(reader(), BROKEN);
    Files.copy(folder.resolve(keyOf(ECHO)), folder.resolve(keyOf(BROKEN)));

    assertEquals(expected, problems(reader(), BROKEN));
  }

  @Test
  void aFolderThatCannotBeWrittenOnlyCostsTime() throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("file"), "");
    DefinitionReader reader = new DefinitionReader(new VerifiedDefinitions(notAFolder.resolve("verified"), "1.0.0"));

    assertEquals(new DefinitionReader().read("echo.json", ECHO), check(reader, ECHO).definition());
    assertEquals(new DefinitionReader().read("echo.json", ECHO), check(reader, ECHO).definition());
    assertEquals(problems(new DefinitionReader(), BROKEN), problems(reader, BROKEN));
    assertFalse(Files.exists(notAFolder.resolve("verified")));
    assertTrue(Files.isRegularFile(notAFolder));
  }

  private static byte[] flipped(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x01;
    return copy;
  }
}
