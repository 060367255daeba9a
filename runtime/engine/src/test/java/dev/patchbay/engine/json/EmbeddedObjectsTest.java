package dev.patchbay.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class EmbeddedObjectsTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void plainJsonHoldsNone() {
    assertEquals(Optional.empty(), EmbeddedObjects.first(Json.MAPPER.readTree(
        "{\"a\":[1,\"two\",{\"b\":null}],\"c\":true}")));
  }

  @Test
  void anObjectAnywhereIsFoundWithItsPointer() {
    ObjectNode tree = NODES.objectNode();
    tree.putArray("a/b~c").add(1).addObject().set("deep", NODES.pojoNode(new StringBuilder("x")));

    assertEquals(Optional.of("at /a~1b~0c/1/deep: a java.lang.StringBuilder"), EmbeddedObjects.first(tree));
    assertEquals(Optional.of("at the top: a java.lang.StringBuilder"),
        EmbeddedObjects.first(NODES.pojoNode(new StringBuilder())));
  }
}
