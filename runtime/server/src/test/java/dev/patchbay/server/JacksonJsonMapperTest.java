package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.server.http.JacksonJsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JacksonJsonMapperTest {

  private final JacksonJsonMapper mapper = new JacksonJsonMapper();

  @Test
  void writesAndReadsWithTheRuntimesMapper() {
    String json = mapper.toJsonString(Map.of("a", List.of(1, 2)), Map.class);
    assertEquals("{\"a\":[1,2]}", json);
    Map<String, Object> back = mapper.fromJsonString(json, Map.class);
    assertEquals(Map.of("a", List.of(1, 2)), back);
  }

  @Test
  void duplicateKeysAreRejectedAsEverywhereInPatchbay() {
    assertThrows(JacksonException.class, () -> mapper.fromJsonString("{\"a\":1,\"a\":2}", Map.class));
  }
}
