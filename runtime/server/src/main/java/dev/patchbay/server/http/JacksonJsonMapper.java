package dev.patchbay.server.http;

import dev.patchbay.engine.json.Json;
import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;

/** Javalin's JSON through the runtime's one Jackson 3 configuration ({@link Json#MAPPER}). */
public final class JacksonJsonMapper implements JsonMapper {

  @Override
  public String toJsonString(Object obj, Type type) {
    return Json.MAPPER.writeValueAsString(obj);
  }

  @Override
  public <T> T fromJsonString(String json, Type targetType) {
    return Json.MAPPER.readValue(json, Json.MAPPER.constructType(targetType));
  }
}
