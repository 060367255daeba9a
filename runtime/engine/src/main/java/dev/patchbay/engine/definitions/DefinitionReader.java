package dev.patchbay.engine.definitions;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.schema.JsonSchemas;
import dev.patchbay.engine.schema.SchemaViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads connector definitions: JSON syntax, the meta-schema ({@code connector-definition.schema.json}), then the
 * rules a schema cannot express. Every problem is reported, not only the first.
 *
 * <p>Checking a definition is by far the most expensive part of loading a plugin (every nested schema is checked
 * against the JSON Schema meta-schema). With a {@link VerifiedDefinitions} record, content that passed once is not
 * checked again, nor parsed before it is used: the same bytes give the same verdict under the same runtime version
 * and meta-schema.
 */
public final class DefinitionReader {

  static final String META_SCHEMA_ID = "https://patchbay.dev/schemas/connector-definition.schema.json";
  private static final String META_SCHEMA_RESOURCE =
      "/dev/patchbay/engine/definitions/connector-definition.schema.json";
  /** Definitions are small; a bigger file is a mistake, not a definition. */
  static final int MAX_BYTES = 4 * 1024 * 1024;
  /**
   * How deep arrays and objects may nest. Real definitions need about a dozen levels. The bound is what keeps
   * reading from overflowing the stack: checking a nested schema against the JSON Schema meta-schema recurses some
   * kilobytes of stack per level, and at Jackson's default (500) a chain of {@code {"not": ...}} in an input schema
   * threw StackOverflowError on a 1 MiB thread stack (DefinitionReaderFuzzTest).
   */
  static final int MAX_DEPTH = 100;

  private final VerifiedDefinitions verified;
  private final byte[] metaSchemaDocument;
  private String checksDigest;
  private Schema metaSchema;

  /** A reader that checks every definition it reads. */
  public DefinitionReader() {
    this(VerifiedDefinitions.NONE);
  }

  /** A reader that skips the checks for content {@code verified} has seen pass. */
  public DefinitionReader(VerifiedDefinitions verified) {
    this(verified, metaSchemaResource());
  }

  /** A reader checking against another meta-schema, for tests of what a changed meta-schema does to the record. */
  DefinitionReader(VerifiedDefinitions verified, byte[] metaSchemaDocument) {
    this.verified = verified;
    this.metaSchemaDocument = metaSchemaDocument;
  }

  /** Parses definitions; made on first use, since a run whose definitions are all verified parses none at load. */
  private static final class Parser {
    static final JsonMapper PARSER = Json.over(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());
  }

  private static byte[] metaSchemaResource() {
    try (InputStream in = DefinitionReader.class.getResourceAsStream(META_SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("meta-schema missing from the engine jar: " + META_SCHEMA_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiled on first use: a run whose definitions are all verified never loads the validator. */
  private synchronized Schema metaSchema() {
    if (metaSchema == null) {
      JsonNode document = Json.MAPPER.readTree(metaSchemaDocument);
      metaSchema = JsonSchemas.compile(SchemaLocation.of(META_SCHEMA_ID), document);
    }
    return metaSchema;
  }

  /** What the checks are: a changed meta-schema judges again what an earlier one passed. */
  private synchronized String checksDigest() {
    if (checksDigest == null) {
      checksDigest = VerifiedDefinitions.sha256(metaSchemaDocument);
    }
    return checksDigest;
  }

  /** Reads a definition file. */
  public ConnectorDefinition read(Path file) throws InvalidDefinitionException {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw problem(source, "", "file is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw problem(source, "", "file not found");
    } catch (IOException e) {
      throw problem(source, "", "cannot read file: " + e.getMessage());
    }
    return read(source, bytes);
  }

  /**
   * Reads a definition from bytes.
   *
   * @param source names the definition in problems (a file, or plugin and resource)
   */
  public ConnectorDefinition read(String source, byte[] bytes) throws InvalidDefinitionException {
    return check(source, bytes, VerifiedDefinitions.sha256(bytes)).definition();
  }

  /**
   * Checks a definition from bytes whose SHA-256 the caller has computed already; content the record has seen pass
   * is not parsed until its definition is first asked for.
   *
   * @param source names the definition in problems (a file, or plugin and resource)
   * @param contentSha256 the SHA-256 of {@code bytes}, lower-case hex
   */
  public CheckedDefinition check(String source, byte[] bytes, String contentSha256)
      throws InvalidDefinitionException {
    if (bytes.length > MAX_BYTES) {
      throw problem(source, "", "definition is larger than " + MAX_BYTES + " bytes");
    }
    String contentKey = verified.keyOf(checksDigest(), contentSha256);
    Optional<DefinitionOutline> known = verified.outline(contentKey);
    if (known.isPresent()) {
      return CheckedDefinition.verified(source, bytes, known.get());
    }
    JsonNode document = parse(source, bytes);
    List<DefinitionProblem> problems = new ArrayList<>();
    for (SchemaViolation violation : JsonSchemas.validate(metaSchema(), document)) {
      problems.add(new DefinitionProblem(source, violation.pointer(), violation.message()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    problems.addAll(new DefinitionRules(source, document).check());
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    CheckedDefinition checked = CheckedDefinition.bound(bind(source, document));
    verified.add(contentKey, checked.outline());
    return checked;
  }

  /**
   * Binds content a verified record vouches for. It passed every check with this runtime and meta-schema, so it
   * binds to the outline recorded with it; a record that vouches for other content was written by hand.
   */
  static ConnectorDefinition bindVerified(String source, byte[] bytes, DefinitionOutline outline) {
    try {
      ConnectorDefinition definition = bind(source, parse(source, bytes));
      if (!DefinitionOutline.of(definition).equals(outline)) {
        throw new IllegalStateException("the record of verified definitions does not describe " + source
            + "; delete the Patchbay home's cache/verified-definitions");
      }
      return definition;
    } catch (InvalidDefinitionException e) {
      throw new IllegalStateException("the record of verified definitions vouches for " + source
          + ", which does not pass: " + e.getMessage() + "; delete the Patchbay home's cache/verified-definitions", e);
    }
  }

  private static JsonNode parse(String source, byte[] bytes) throws InvalidDefinitionException {
    JsonNode document;
    try {
      document = Parser.PARSER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw problem(source, location(e), "not valid JSON: " + e.getOriginalMessage());
    }
    if (document == null || document.isMissingNode()) {
      throw problem(source, "", "empty file: a definition is a JSON object");
    }
    return document;
  }

  private static ConnectorDefinition bind(String source, JsonNode document) throws InvalidDefinitionException {
    try {
      ConnectorDefinition bound = Json.MAPPER.treeToValue(document, ConnectorDefinition.class);
      return bound.with(document, SharedSchemas.resolve(bound.operations(), bound.sharedSchemas()));
    } catch (JacksonException e) {
      // The meta-schema admits only what the records hold; reaching here means the two drifted apart.
      throw problem(source, "", "definition cannot be bound: " + e.getOriginalMessage());
    }
  }

  private static String location(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static InvalidDefinitionException problem(String source, String pointer, String message) {
    return new InvalidDefinitionException(List.of(new DefinitionProblem(source, pointer, message)));
  }
}
