package dev.patchbay.engine.definitions;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which definition contents passed every check, as empty marker files named by the SHA-256 of the runtime
 * version and the content's SHA-256 (a new runtime may check more, so it checks again). Losing the folder only
 * costs time. The content's digest is the one its loader has already computed (a bare definition's admission pin),
 * since hashing every definition twice was a tenth of loading fifty.
 */
public class VerifiedDefinitions {

  /** Remembers nothing: every definition is checked. */
  public static final VerifiedDefinitions NONE = new VerifiedDefinitions(null, "") {
    @Override
    String keyOf(String contentSha256) {
      return "";
    }

    @Override
    boolean contains(String key) {
      return false;
    }

    @Override
    void add(String key) {
      // Nothing is remembered.
    }
  };

  private static final Logger LOG = LoggerFactory.getLogger(VerifiedDefinitions.class);

  private final Path folder;
  private final String runtimeVersion;

  public VerifiedDefinitions(Path folder, String runtimeVersion) {
    this.folder = folder;
    this.runtimeVersion = runtimeVersion;
  }

  /** The marker's name for content whose SHA-256 is {@code contentSha256} (hex). */
  String keyOf(String contentSha256) {
    return sha256((runtimeVersion + '\0' + contentSha256).getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code content}, lower-case hex. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  boolean contains(String key) {
    return Files.exists(folder.resolve(key));
  }

  void add(String key) {
    try {
      OwnerOnlyFiles.createFolders(folder);
      Path marker = folder.resolve(key);
      if (!Files.exists(marker)) {
        Files.createFile(marker, OwnerOnlyFiles.FILE);
      }
    } catch (IOException e) {
      // Only a cache: the definition is checked again next time.
      LOG.debug("cannot record verified definition {}: {}", key, e.toString());
    }
  }
}
