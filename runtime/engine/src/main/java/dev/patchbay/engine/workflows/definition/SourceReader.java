package dev.patchbay.engine.workflows.definition;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a workflow file (YAML or JSON) into a JSON tree with the line of every value. The tree is built from the
 * streaming parser's tokens rather than by the mapper, because only the parser knows where each value was written.
 */
public final class SourceReader {

  /** Far above any hand-written workflow; keeps a wrong file (a log, a dump) from being read into memory. */
  private static final long MAX_BYTES = 4L * 1024 * 1024;

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SourceReader() {}

  public static SourceDocument read(Path file) throws SourceException {
    String text = readText(file);
    if (text.startsWith("\uFEFF")) {
      // A byte order mark some editors write; neither parser wants it.
      text = text.substring(1);
    }
    ObjectMapper mapper = SourceFormat.of(file, text) == SourceFormat.JSON ? Json.MAPPER : YAML;
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = mapper.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new SourceException(1, "the file is empty");
      }
      JsonNode root = new TreeBuilder(parser, lines).value("", 0);
      if (parser.nextToken() != null) {
        throw new SourceException(line(parser.currentTokenLocation()), "more than one document in the file");
      }
      return new SourceDocument(file, text, root, lines);
    } catch (JacksonException e) {
      throw new SourceException(line(e.getLocation()), "not valid " + (mapper == YAML ? "YAML" : "JSON") + ": "
          + e.getOriginalMessage());
    }
  }

  private static String readText(Path file) throws SourceException {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new SourceException(0, "the file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
      }
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new SourceException(0, "no such file");
    } catch (CharacterCodingException e) {
      throw new SourceException(0, "not UTF-8 text");
    } catch (IOException e) {
      throw new SourceException(0, "cannot read the file: " + e.getMessage());
    }
  }

  private static int line(TokenStreamLocation location) {
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }

  /** Builds one value from the current token on, recording the line of each value by JSON pointer. */
  private static final class TreeBuilder {
    private final JsonParser parser;
    private final Map<String, Integer> lines;

    TreeBuilder(JsonParser parser, Map<String, Integer> lines) {
      this.parser = parser;
      this.lines = lines;
    }

    /** @param keyLine the line of the member name this value belongs to, 0 for array elements and the root */
    JsonNode value(String pointer, int keyLine) throws SourceException {
      int valueLine = line(parser.currentTokenLocation());
      lines.put(pointer, keyLine > 0 ? keyLine : valueLine);
      JsonToken token = parser.currentToken();
      return switch (token) {
        case START_OBJECT -> object(pointer);
        case START_ARRAY -> array(pointer);
        case VALUE_STRING -> NODES.stringNode(parser.getString());
        case VALUE_NUMBER_INT -> integral();
        case VALUE_NUMBER_FLOAT -> decimal(valueLine);
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NULL -> NODES.nullNode();
        default -> throw new SourceException(valueLine, "unsupported value (" + token + ")");
      };
    }

    private JsonNode integral() {
      return switch (parser.getNumberType()) {
        // The same node types the JSON mapper makes, so values compare equal to what a record reads back.
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
    }

    private JsonNode decimal(int valueLine) throws SourceException {
      double value = parser.getDoubleValue();
      if (!Double.isFinite(value)) {
        // YAML writes .inf and .nan; JSON has no such numbers, so no run record could hold them.
        throw new SourceException(valueLine, "not a finite number");
      }
      return NODES.numberNode(value);
    }

    private ObjectNode object(String pointer) throws SourceException {
      ObjectNode object = NODES.objectNode();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        int keyLine = line(parser.currentTokenLocation());
        if (object.has(name)) {
          throw new SourceException(keyLine, "duplicate key '" + name + "'");
        }
        parser.nextToken();
        object.set(name, value(pointer + SourceDocument.segment(name), keyLine));
      }
      return object;
    }

    private ArrayNode array(String pointer) throws SourceException {
      ArrayNode array = NODES.arrayNode();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(value(pointer + "/" + index++, 0));
      }
      return array;
    }
  }
}
