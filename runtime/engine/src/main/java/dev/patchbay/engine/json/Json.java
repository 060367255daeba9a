package dev.patchbay.engine.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration of the runtime. */
public final class Json {

  /**
   * Rejects duplicate keys (a definition or input with two values for one key is ambiguous) and keeps the parsed
   * text out of error locations, so a secret in a malformed document never reaches an exception message.
   */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private Json() {}
}
