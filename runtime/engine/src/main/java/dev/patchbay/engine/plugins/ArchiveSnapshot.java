package dev.patchbay.engine.plugins;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A private copy of a plugin archive, taken while hashing it, with the descriptor read from the copy in memory.
 *
 * <p>The digest checked against a pin, the id checked against the allow list and the files unpacked afterwards all
 * come from these same bytes: an archive rewritten in its plugins folder between the check and the unpacking is
 * never unpacked unchecked. Nothing of the archive is written anywhere but the copy until it is admitted.
 */
public final class ArchiveSnapshot implements AutoCloseable {

  /** A descriptor is a few lines; more than this is not a descriptor, and reading it must not exhaust memory. */
  static final int MAX_DESCRIPTOR_BYTES = 64 * 1024;
  static final String DESCRIPTOR = "plugin.properties";

  private final Path archive;
  private final Path copy;
  private final String digest;
  private final String pluginId;
  private final String version;

  private ArchiveSnapshot(Path archive, Path copy, String digest, String pluginId, String version) {
    this.archive = archive;
    this.copy = copy;
    this.digest = digest;
    this.pluginId = pluginId;
    this.version = version;
  }

  /**
   * Copies {@code archive} into {@code scratch} while hashing it and reads its {@code plugin.properties}.
   *
   * @throws PluginArchiveException when it cannot be read, is not a zip, or has no readable descriptor; the copy is
   *     deleted again
   */
  public static ArchiveSnapshot take(Path archive, Path scratch) throws PluginArchiveException {
    Path copy;
    try {
      OwnerOnlyFiles.createFolders(scratch);
      copy = Files.createTempFile(scratch, ".admitting-", ".zip");
    } catch (IOException e) {
      throw new PluginArchiveException("cannot copy for checking into " + scratch + ": " + e.getMessage(), e);
    }
    try {
      String digest = copyHashing(archive, copy);
      Properties descriptor = readDescriptor(copy);
      return new ArchiveSnapshot(archive, copy, digest, descriptor.getProperty("plugin.id"),
          descriptor.getProperty("plugin.version"));
    } catch (PluginArchiveException | RuntimeException e) {
      deleteQuietly(copy);
      throw e;
    }
  }

  private static String copyHashing(Path archive, Path copy) throws PluginArchiveException {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(archive), PluginArchives.sha256());
        OutputStream out = Files.newOutputStream(copy)) {
      in.transferTo(out);
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new PluginArchiveException("cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the zip's entries and reads the root {@code plugin.properties} from it without unpacking anything: it
   * names the plugin id the admission policy judges. PF4J later reads the same file from the unpacked copy ({@link PatchbayPluginManager}
   * reads no other descriptor), and {@link PluginHost} checks that both name the same id.
   */
  private static Properties readDescriptor(Path zipFile) throws PluginArchiveException {
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      PluginArchives.checkEntries(zip);
      ZipEntry entry = zip.getEntry(DESCRIPTOR);
      if (entry == null || entry.isDirectory()) {
        throw new PluginArchiveException(
            "has no plugin.properties at its root (a plugin zip holds plugin.properties and lib/*.jar)");
      }
      byte[] bytes;
      try (InputStream in = zip.getInputStream(entry)) {
        bytes = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
      }
      if (bytes.length > MAX_DESCRIPTOR_BYTES) {
        throw new PluginArchiveException("plugin.properties is larger than " + MAX_DESCRIPTOR_BYTES + " bytes");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes),
          StandardCharsets.UTF_8.newDecoder())) {
        properties.load(reader);
      }
      return properties;
    } catch (ZipException e) {
      throw new PluginArchiveException("not a readable zip archive (" + e.getMessage() + ")", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new PluginArchiveException("plugin.properties cannot be read: " + e.getMessage(), e);
    }
  }

  /** The archive in its plugins folder. */
  public Path archive() {
    return archive;
  }

  /** The private copy, which is what gets unpacked. */
  Path copy() {
    return copy;
  }

  /** The SHA-256 of the copied bytes, lower-case hex. */
  public String digest() {
    return digest;
  }

  /** {@code plugin.id} as declared, or null when missing. */
  public String pluginId() {
    return pluginId;
  }

  /** {@code plugin.version} as declared, or null when missing. */
  public String version() {
    return version;
  }

  /** Deletes the copy. */
  @Override
  public void close() {
    deleteQuietly(copy);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A stray copy in the plugin cache is harmless: the cache is safe to delete, and copies are never loaded.
    }
  }
}
