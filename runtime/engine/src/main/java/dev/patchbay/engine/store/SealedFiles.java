package dev.patchbay.engine.store;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Files whose content is encrypted and bound to a name: AES-256-GCM, a fresh 12-byte IV per write, 128-bit tag, and
 * associated data made of the name and the format version, so a file copied over another name fails to open.
 * Written to a temporary file with mode 0600, forced to disk, moved atomically into place, the folder forced too.
 *
 * <p>Envelope, version 1: {@code {"format":"patchbay-sealed","version":1,"keyId":"…","iv":"…","ciphertext":"…"}};
 * nothing of the content is ever written in plaintext.
 */
public final class SealedFiles {

  static final String FORMAT = "patchbay-sealed";
  static final int VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final MasterKey key;
  private final SecureRandom random = new SecureRandom();

  public SealedFiles(MasterKey key) {
    this.key = key;
  }

  /** The key files are encrypted with. */
  public MasterKey key() {
    return key;
  }

  /** Encrypts {@code content} bound to {@code name} and replaces {@code file} atomically. */
  public void write(Path file, String name, byte[] content) throws StoreException {
    writeAtomically(file, seal(name, content));
  }

  /** The envelope of {@code content} bound to {@code name}: what a file, or a database row, holds. */
  public byte[] seal(String name, byte[] content) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData(name));
      ciphertext = cipher.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JVM", e);
    }
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("format", FORMAT);
    envelope.put("version", VERSION);
    envelope.put("keyId", key.id());
    envelope.put("iv", Base64.getEncoder().encodeToString(iv));
    envelope.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    return Json.MAPPER.writeValueAsBytes(envelope);
  }

  /** Decrypts {@code file}, which must have been written for {@code name} with this key. */
  public byte[] read(Path file, String name) throws StoreException {
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return open(file.toString(), sealed, name);
  }

  /** Decrypts an envelope {@link #seal} made for {@code name}; {@code file} names where it came from in errors. */
  public byte[] open(String file, byte[] sealed, String name) throws StoreException {
    JsonNode envelope;
    try {
      envelope = Json.MAPPER.readTree(sealed);
    } catch (JacksonException e) {
      throw new StoreException(file + " is not a Patchbay store file (damaged or replaced)");
    }
    if (!FORMAT.equals(envelope.path("format").asString(null))) {
      throw new StoreException(file + " is not a Patchbay store file (damaged or replaced)");
    }
    int version = envelope.path("version").asInt(-1);
    if (version != VERSION) {
      throw new StoreException(file + " has store format version " + version + "; this Patchbay reads version "
          + VERSION + " (was it written by a newer Patchbay?)");
    }
    String keyId = envelope.path("keyId").asString("");
    if (!keyId.equals(key.id())) {
      throw new WrongKeyException(file + " was encrypted with master key " + keyId + " but the current key is "
          + key.id() + " (from " + key.source() + "): set " + MasterKey.ENV + " to the key it was written with",
          keyId);
    }
    try {
      byte[] iv = Base64.getDecoder().decode(envelope.path("iv").asString(""));
      byte[] ciphertext = Base64.getDecoder().decode(envelope.path("ciphertext").asString(""));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData(name));
      return cipher.doFinal(ciphertext);
    } catch (AEADBadTagException | IllegalArgumentException e) {
      throw new StoreException(file + " failed its integrity check: it was altered, or copied from another "
          + "connection's file; restore it from a backup or remove it and reconnect");
    } catch (GeneralSecurityException e) {
      throw new StoreException(file + " cannot be decrypted: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] associatedData(String name) {
    return (FORMAT + "/" + VERSION + "/" + name).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeAtomically(Path file, byte[] bytes) throws StoreException {
    try {
      OwnerOnlyFiles.writeAtomically(file, bytes);
    } catch (IOException e) {
      throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
