package dev.patchbay.server.access;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private final Path file;

  public ApiTokenFile(Path serverFolder) {
    this.file = serverFolder.resolve("api-token");
  }

  public Path file() {
    return file;
  }

  /**
   * The stored token, or a new one written to the file when there is none. A token file others may read is refused,
   * as every file holding a secret is: the token may have been read, so it is to be rotated, not quietly reused.
   */
  public Loaded loadOrCreate() throws IOException {
    if (Files.exists(file)) {
      String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (!token.isEmpty()) {
        try {
          OwnerOnlyFiles.requireOwnerOnly(file);
        } catch (StoreException e) {
          throw new IOException(e.getMessage() + " (patchbay serve --rotate-token replaces it)", e);
        }
        return new Loaded(token, false);
      }
    }
    return new Loaded(rotate(), true);
  }

  /** Writes a new token in place of the old one (atomically, mode 0600) and returns it. */
  public String rotate() throws IOException {
    OwnerOnlyFiles.createFolders(file.getParent());
    String token = newToken();
    OwnerOnlyFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
    return token;
  }

  /** 256 random bits, base64url. */
  static String newToken() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }
}
