package dev.patchbay.engine.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration of the runtime. */
public final class Json {

  /**
   * Rejects duplicate keys (a definition or input with two values for one key is ambiguous) and keeps the parsed
   * text out of error locations, so a secret in a malformed document never reaches an exception message.
   */
  public static final JsonMapper MAPPER = over(JsonFactory.builder().build());

  /**
   * Reads trees as {@link #MAPPER} does, rejecting duplicate keys too, but as each object node is filled rather than
   * with a set of names per object in the parser: the same refusal for a tree, without a set per object of every
   * answer a provider sends.
   */
  public static final ObjectReader TREES = MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  /**
   * The same configuration over another factory: for input that needs tighter read limits (its
   * {@code StreamReadConstraints}) than the defaults.
   */
  public static JsonMapper over(JsonFactory factory) {
    return JsonMapper.builder(factory)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  private Json() {}
}
