package dev.patchbay.engine.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts the connection store: {@code PATCHBAY_MASTER_KEY} (base64 of 32 bytes), else a key
 * file generated on first use in {@code $PATCHBAY_HOME/keys} (folder 0700, file 0600). Its id, a short hash, is
 * written next to every ciphertext so a wrong key is named, not just "decryption failed".
 */
public final class MasterKey {

  public static final String ENV = "PATCHBAY_MASTER_KEY";
  private static final int KEY_BYTES = 32;
  private static final String FILE = "master.key";

  private final SecretKey key;
  private final String id;
  private final String source;

  private MasterKey(byte[] bytes, String source) {
    this.key = new SecretKeySpec(bytes, "AES");
    this.id = idOf(bytes);
    this.source = source;
  }

  /** The key from the environment, else the key file under {@code keysFolder}, created when absent. */
  public static MasterKey load(Map<String, String> env, Path keysFolder) throws StoreException {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return fromBase64(configured.trim(), ENV);
    }
    Path file = keysFolder.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        return create(keysFolder, file);
      }
      OwnerOnlyFiles.requireOwnerOnly(file);
      return fromBase64(Files.readString(file).trim(), file.toString());
    } catch (IOException e) {
      throw new StoreException("cannot read or create the master key at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@link #load} finds a key ({@value #ENV} set, or the key file there) rather than creating one. */
  public static boolean exists(Map<String, String> env, Path keysFolder) {
    String configured = env.get(ENV);
    return configured != null && !configured.isBlank() || Files.exists(keysFolder.resolve(FILE));
  }

  /** A key from its base64 form, for tests and tools. */
  public static MasterKey fromBase64(String base64, String source) throws StoreException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new StoreException("the master key in " + source + " is not base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw new StoreException("the master key in " + source + " must be 32 bytes (base64 of 32 random bytes; "
          + "e.g. head -c 32 /dev/urandom | base64), not " + bytes.length);
    }
    return new MasterKey(bytes, source);
  }

  private static MasterKey create(Path folder, Path file) throws IOException, StoreException {
    OwnerOnlyFiles.createFolders(folder);
    byte[] bytes = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(bytes);
    // Whole or not at all: a process racing this one, or one started after a crash, never reads a partial key.
    if (OwnerOnlyFiles.createWhole(file, (Base64.getEncoder().encodeToString(bytes) + "\n")
        .getBytes(StandardCharsets.US_ASCII))) {
      return new MasterKey(bytes, file.toString());
    }
    // Another process created it first; use theirs.
    return fromBase64(Files.readString(file).trim(), file.toString());
  }

  SecretKey secretKey() {
    return key;
  }

  /** Where the key came from: {@value #ENV} or the key file's path. */
  public String source() {
    return source;
  }

  /** A short fingerprint of the key, safe to show and store. */
  public String id() {
    return id;
  }

  private static String idOf(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }
}
