package dev.patchbay.engine.definitions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/connector-definition.md is generated from the meta-schema and must stay what the meta-schema says. After
 * changing the meta-schema, regenerate it: {@code mvn -B verify -pl runtime/engine -Dtest=DefinitionReferenceTest
 * -Dreference.write=true}.
 */
class DefinitionReferenceTest {

  private static final Path ROOT = Path.of("../..");
  private static final Path REFERENCE = ROOT.resolve("docs/connector-definition.md");

  @Test
  void referenceDescribesEveryFieldOfTheMetaSchemaAndIsUpToDate() throws IOException {
    DefinitionReference reference = new DefinitionReference(
        Json.MAPPER.readTree(Files.readString(ROOT.resolve("connector-defs/connector-definition.schema.json"))),
        Json.MAPPER.readTree(Files.readString(ROOT.resolve("connector-defs/zoom.json"))),
        Json.MAPPER.readTree(Files.readString(ROOT.resolve("docs/connector-definition-notes.json"))));

    assertEquals(List.of(), reference.problems());
    String generated = reference.markdown();
    if (Boolean.getBoolean("reference.write")) {
      Files.writeString(REFERENCE, generated);
    }
    assertEquals(generated, Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "",
        REFERENCE + " is not what the meta-schema says: regenerate it with -Dreference.write=true (see this test's "
            + "javadoc)");
  }
}
