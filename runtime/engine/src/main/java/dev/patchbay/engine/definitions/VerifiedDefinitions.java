package dev.patchbay.engine.definitions;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which definition contents passed every check, one small file per content named by the SHA-256 of the
 * runtime's version and build, the checks' digest (the meta-schema's SHA-256) and the content's SHA-256: another
 * build (whose Java rules may have changed without a new version) or a changed meta-schema may judge differently,
 * so it checks again. Each file holds the definition's
 * {@link DefinitionOutline}, so a verified definition is listed without being parsed, and ends with a CRC-32 of what
 * precedes it: a file that is cut short, altered, or not of this format counts as absent, and the content is checked
 * again and recorded anew. Losing or being unable to write the folder only costs time. The content's digest is the
 * one its loader has already computed (a bare definition's admission pin), since hashing every definition twice was
 * a tenth of loading fifty.
 */
public class VerifiedDefinitions {

  /** Remembers nothing: every definition is checked. */
  public static final VerifiedDefinitions NONE = new VerifiedDefinitions(null, "") {
    @Override
    Optional<DefinitionOutline> outline(String key) {
      return Optional.empty();
    }

    @Override
    void add(String key, DefinitionOutline outline) {
      // Nothing is remembered.
    }
  };

  private static final Logger LOG = LoggerFactory.getLogger(VerifiedDefinitions.class);
  /** "PBVD" and this format's number: files of an older format are checked again, not misread. */
  private static final int MAGIC = 0x50425644;
  private static final int FORMAT = 1;

  private final Path folder;
  private final Path shipped;
  private final String runtimeVersion;

  /** @param runtimeVersion the runtime's version and build, which a record is valid for */
  public VerifiedDefinitions(Path folder, String runtimeVersion) {
    this(folder, null, runtimeVersion);
  }

  /**
   * @param shipped records the distribution's build made of its bundled definitions, read (never written) after
   *     {@code folder}'s: a fresh home lists the bundled connectors without checking them in full first; or null
   * @param runtimeVersion the runtime's version and build, which a record is valid for
   */
  public VerifiedDefinitions(Path folder, Path shipped, String runtimeVersion) {
    this.folder = folder;
    this.shipped = shipped;
    this.runtimeVersion = runtimeVersion;
  }

  /**
   * The record's name for content whose SHA-256 is {@code contentSha256} under the checks whose digest is
   * {@code checksSha256} (both hex).
   */
  String keyOf(String checksSha256, String contentSha256) {
    return sha256((runtimeVersion + '\0' + checksSha256 + '\0' + contentSha256).getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code content}, lower-case hex. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The outline recorded for content that passed, or empty when none is recorded whole. */
  Optional<DefinitionOutline> outline(String key) {
    Optional<DefinitionOutline> recorded = outline(folder, key);
    return recorded.isPresent() || shipped == null ? recorded : outline(shipped, key);
  }

  private static Optional<DefinitionOutline> outline(Path folder, String key) {
    byte[] record;
    try {
      record = Files.readAllBytes(folder.resolve(key));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("cannot read verified definition record {}: {}", key, e.toString());
      return Optional.empty();
    }
    try {
      return Optional.of(decode(key, record));
    } catch (IOException | RuntimeException e) {
      LOG.debug("verified definition record {} is unreadable, checking the definition again: {}", key, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Records that the content named by {@code key} passed, with its outline: written beside its name and renamed into
   * place, so a reader finds the whole record or none. It is not forced to disk (that cost the first start after
   * installing fifty definitions a tenth more): a record a crash loses, or leaves cut short, is checked again.
   */
  void add(String key, DefinitionOutline outline) {
    Path temporary = null;
    try {
      OwnerOnlyFiles.createFolders(folder);
      temporary = Files.createTempFile(folder, key, ".tmp", OwnerOnlyFiles.FILE);
      Files.write(temporary, encode(key, outline));
      Files.move(temporary, folder.resolve(key), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // Only a cache: the definition is checked again next time.
      LOG.debug("cannot record verified definition {}: {}", key, e.toString());
    } finally {
      deleteIfLeft(temporary);
    }
  }

  private static void deleteIfLeft(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", temporary, e.toString());
    }
  }

  private static byte[] encode(String key, DefinitionOutline outline) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(key);
    out.writeUTF(outline.id());
    out.writeUTF(outline.name());
    out.writeUTF(outline.version());
    out.writeUTF(outline.description());
    out.writeInt(outline.operations().size());
    for (DefinitionOutline.Operation operation : outline.operations()) {
      out.writeUTF(operation.id());
      out.writeBoolean(operation.declarative());
    }
    out.writeInt(outline.authTypes().size());
    for (DefinitionOutline.AuthType authType : outline.authTypes()) {
      out.writeUTF(authType.id());
      out.writeBoolean(authType.identifies());
    }
    out.writeBoolean(outline.receivesWebhooks());
    out.writeLong(crc(bytes.toByteArray(), bytes.size()));
    return bytes.toByteArray();
  }

  private static DefinitionOutline decode(String key, byte[] record) throws IOException {
    int body = record.length - Long.BYTES;
    if (body < 2 * Integer.BYTES) {
      throw new IOException("too short");
    }
    if (ByteBuffer.wrap(record, body, Long.BYTES).getLong() != crc(record, body)) {
      throw new IOException("checksum mismatch");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(record, 0, body));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a record of this format");
    }
    if (!in.readUTF().equals(key)) {
      throw new IOException("recorded under another name");
    }
    String id = in.readUTF();
    String name = in.readUTF();
    String version = in.readUTF();
    String description = in.readUTF();
    List<DefinitionOutline.Operation> operations = new ArrayList<>();
    for (int i = count(in, body); i > 0; i--) {
      operations.add(new DefinitionOutline.Operation(in.readUTF(), in.readBoolean()));
    }
    List<DefinitionOutline.AuthType> authTypes = new ArrayList<>();
    for (int i = count(in, body); i > 0; i--) {
      authTypes.add(new DefinitionOutline.AuthType(in.readUTF(), in.readBoolean()));
    }
    boolean receivesWebhooks = in.readBoolean();
    if (in.available() != 0) {
      throw new IOException("the record's length does not match its content");
    }
    return new DefinitionOutline(id, name, version, description, operations, authTypes, receivesWebhooks);
  }

  /** A count of entries, each at least three bytes long (a two-byte length and a flag). */
  private static int count(DataInputStream in, int body) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > body / 3) {
      throw new IOException("impossible count " + count);
    }
    return count;
  }

  private static long crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }
}
