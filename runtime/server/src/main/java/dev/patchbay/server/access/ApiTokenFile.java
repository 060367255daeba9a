package dev.patchbay.server.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's API token: 256 random bits, base64url, in {@code $PATCHBAY_HOME/server/api-token} (mode 0600, in a
 * folder of mode 0700). Generated on first start; {@link #rotate} replaces it.
 */
public final class ApiTokenFile {

  /** The token, and whether it was just made (then it is shown once). */
  public record Loaded(String token, boolean created) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;

  public ApiTokenFile(Path serverFolder) {
    this.file = serverFolder.resolve("api-token");
  }

  public Path file() {
    return file;
  }

  /** The stored token, or a new one written to the file when there is none. */
  public Loaded loadOrCreate() throws IOException {
    if (Files.exists(file)) {
      String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (!token.isEmpty()) {
        restrict(file, "rw-------");
        return new Loaded(token, false);
      }
    }
    return new Loaded(rotate(), true);
  }

  /** Writes a new token in place of the old one (atomically) and returns it. */
  public String rotate() throws IOException {
    Path folder = file.getParent();
    Files.createDirectories(folder);
    restrict(folder, "rwx------");
    String token = newToken();
    Path temp = POSIX
        ? Files.createTempFile(folder, "api-token", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(folder, "api-token", ".tmp");
    try {
      Files.writeString(temp, token + "\n", StandardCharsets.US_ASCII);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return token;
  }

  /** 256 random bits, base64url. */
  static String newToken() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }
}
