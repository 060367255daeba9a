package dev.patchbay.engine.plugins;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks plugin zips into a cache folder, one folder per archive content, after checking every entry.
 *
 * <p>PF4J would unpack zips next to themselves, which needs a writable plugins folder and trusts entry names. Here
 * an archive is checked whole before a byte is written (zip-slip, two entries for one path, size and entry-count
 * limits), unpacked into a temporary folder and moved into place, so a half-written plugin is never loaded. The
 * folder name carries the archive's SHA-256, so an unchanged archive is unpacked once and a replaced one gets a fresh
 * folder. Only an archive the {@link AdmissionPolicy} admitted is unpacked, from its {@link ArchiveSnapshot}.
 *
 * <p>The cache is not trusted: a folder found unpacked already is compared, file by file, with the admitted
 * snapshot before it is used, and unpacked afresh when anything differs (a file changed, added, removed, or made a
 * link), so the pin covers what is loaded, not only what was once unpacked. Folders are created owner-only.
 */
public final class PluginArchives {

  private static final Logger LOG = LoggerFactory.getLogger(PluginArchives.class);
  static final int MAX_ENTRIES = 10_000;
  static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;
  private static final String COMPLETE_MARKER = ".patchbay-unpacked";

  private final Path cacheRoot;

  public PluginArchives(Path cacheRoot) {
    this.cacheRoot = cacheRoot;
  }

  /**
   * Unpacks an admitted archive's snapshot (or finds its content unpacked already) and returns the plugin folder,
   * named after the archive and its digest.
   */
  public Path unpack(ArchiveSnapshot snapshot) throws PluginArchiveException {
    String baseName = snapshot.archive().getFileName().toString().replaceFirst("(?i)\\.zip$", "");
    Path target = cacheRoot.resolve(baseName + "-" + snapshot.digest().substring(0, 16));
    // Every entry of the snapshot was checked when it was taken, before its descriptor was read.
    try (ZipFile zip = new ZipFile(snapshot.copy().toFile())) {
      if (Files.exists(target.resolve(COMPLETE_MARKER))) {
        Optional<String> difference = difference(zip, target);
        if (difference.isEmpty()) {
          return target;
        }
        LOG.warn("the unpacked copy {} no longer matches the admitted archive {} ({}); unpacking it afresh", target,
            snapshot.archive().getFileName(), difference.get());
        delete(target);
      }
      OwnerOnlyFiles.createFolders(cacheRoot);
      Path staging = Files.createTempDirectory(cacheRoot, ".unpacking-", OwnerOnlyFiles.FOLDER);
      try {
        extract(zip, staging);
        Files.createFile(staging.resolve(COMPLETE_MARKER), OwnerOnlyFiles.FILE);
        moveIntoPlace(staging, target);
      } finally {
        deleteRecursively(staging);
      }
      return target;
    } catch (ZipException e) {
      throw new PluginArchiveException("not a readable zip archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new PluginArchiveException("cannot unpack: " + e, e);
    }
  }

  /**
   * Refuses an archive with an entry that could write outside the plugin folder, two entries for one path, or more
   * entries or bytes than a plugin needs. Reads only the zip's directory.
   */
  static void checkEntries(ZipFile zip) throws PluginArchiveException {
    if (zip.size() > MAX_ENTRIES) {
      throw new PluginArchiveException("has " + zip.size() + " entries, more than the " + MAX_ENTRIES + " allowed");
    }
    long total = 0;
    Set<String> paths = new HashSet<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String unsafe = unsafeReason(entry.getName());
      if (unsafe != null) {
        throw new PluginArchiveException(
            "entry '" + entry.getName() + "' " + unsafe + "; refused, nothing was unpacked");
      }
      // Two entries for one path would leave on disk whichever comes last, perhaps not the plugin.properties
      // that was admitted.
      if (!paths.add(Path.of(entry.getName()).normalize().toString())) {
        throw new PluginArchiveException(
            "entry '" + entry.getName() + "' names a path another entry names too; refused, nothing was unpacked");
      }
      total += Math.max(0, entry.getSize());
      if (total > MAX_UNPACKED_BYTES) {
        throw new PluginArchiveException("unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
      }
    }
  }

  /** Why an entry name could write outside the plugin folder, or null when it cannot. */
  static String unsafeReason(String name) {
    if (name.isEmpty()) {
      return "has an empty name";
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      return "is an absolute path";
    }
    if (name.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return "escapes the plugin folder with '..'";
      }
    }
    return null;
  }

  /**
   * How the unpacked folder differs from the archive's entries, or empty when it holds exactly their content (and
   * the completion marker). Reads every file: a changed byte anywhere must count.
   */
  private static Optional<String> difference(ZipFile zip, Path folder) throws IOException {
    Set<Path> expected = new HashSet<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      Path file = folder.resolve(entry.getName()).normalize();
      if (entry.isDirectory()) {
        continue;
      }
      expected.add(file);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(entry.getName() + " is missing or not a plain file");
      }
      try (InputStream archived = zip.getInputStream(entry); InputStream unpacked = Files.newInputStream(file)) {
        if (!sameBytes(archived, unpacked)) {
          return Optional.of(entry.getName() + " was changed");
        }
      }
    }
    expected.add(folder.resolve(COMPLETE_MARKER));
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && !expected.contains(path))
          .findFirst().map(path -> folder.relativize(path) + " was added");
    }
  }

  private static boolean sameBytes(InputStream a, InputStream b) throws IOException {
    byte[] left = new byte[64 * 1024];
    byte[] right = new byte[64 * 1024];
    while (true) {
      int n = a.readNBytes(left, 0, left.length);
      int m = b.readNBytes(right, 0, right.length);
      if (n != m || !Arrays.equals(left, 0, n, right, 0, m)) {
        return false;
      }
      if (n < left.length) {
        return true;
      }
    }
  }

  private static void extract(ZipFile zip, Path staging) throws IOException, PluginArchiveException {
    long written = 0;
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      Path out = staging.resolve(entry.getName()).normalize();
      if (!out.startsWith(staging)) {
        throw new PluginArchiveException("entry '" + entry.getName() + "' escapes the plugin folder; refused");
      }
      if (entry.isDirectory()) {
        Files.createDirectories(out, OwnerOnlyFiles.FOLDER);
        continue;
      }
      Files.createDirectories(out.getParent(), OwnerOnlyFiles.FOLDER);
      try (InputStream in = zip.getInputStream(entry); OutputStream os = Files.newOutputStream(Files.createFile(out, OwnerOnlyFiles.FILE))) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          // Declared sizes can lie; count what really comes out.
          written += n;
          if (written > MAX_UNPACKED_BYTES) {
            throw new PluginArchiveException("unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
          }
          os.write(buffer, 0, n);
        }
      }
    }
  }

  private static void moveIntoPlace(Path staging, Path target) throws IOException {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      // Another process unpacked the same archive first; its copy is identical.
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
  }

  /** The archive's SHA-256 in hex: what tells a replaced archive from a touched one. */
  public static String digest(Path archive) throws PluginArchiveException {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(archive), sha256())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new PluginArchiveException("cannot read: " + e.getMessage(), e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Deletes an unpacked plugin folder, once nothing runs from it. Unchanged archives keep theirs (that is the
   * cache); this is for the content of a plugin that was replaced or removed while the runtime ran.
   */
  public void delete(Path folder) throws IOException {
    if (!folder.startsWith(cacheRoot)) {
      throw new IllegalArgumentException(folder + " is not an unpacked plugin folder of " + cacheRoot);
    }
    // The marker goes first: a folder without it is unpacked afresh, never trusted half-deleted.
    Files.deleteIfExists(folder.resolve(COMPLETE_MARKER));
    deleteRecursively(folder);
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
