package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.DownloadResult;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a file from the provider to disk: an HTML answer treated as a refusal, a resumed transfer ({@code Range})
 * after a broken connection, the size checked, and the file written as {@code <target>.part} and moved into place
 * only when complete, so a half-downloaded file never looks finished. The bytes of a transfer that broke off or was
 * stopped (Ctrl-C, a crash) stay in the {@code .part} file, and the next download of the same target goes on from
 * there. A symbolic link at the target or the {@code .part} file is refused, never written through: whoever can
 * plant one in the directory must not be able to make a download overwrite the file it points to. One download at a
 * time writes a {@code .part} file: it holds an OS lock on it until the file is in place, and another that finds it
 * held (a Temporal worker cut off long enough for its step to be given to another, or two steps naming one target)
 * fails, retryable, without touching it.
 */
final class Downloader {

  private static final int MAX_RESUMES = 3;

  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final int CHUNK = 64 * 1024;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

  /** The connection broke while the body was being read. */
  private static final class BrokenTransfer extends Exception {
    private static final long serialVersionUID = 1L;

    BrokenTransfer(IOException cause) {
      super(cause);
    }
  }

  private final RedirectFollower hops;
  private final Waiter waiter;
  private final String provider;

  Downloader(RedirectFollower hops, Waiter waiter, String provider) {
    this.hops = hops;
    this.waiter = waiter;
    this.provider = provider;
  }

  DownloadResult download(String url, Path target, long expectedBytes, Progress progress)
      throws ConnectorException {
    HttpUrl start = HttpUrl.parse(url);
    if (start == null) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR,
          "The download link " + provider + " gave is not an absolute http(s) URL.");
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    refuseLink(target, "the download's destination");
    refuseLink(part, "the unfinished download of " + target.getFileName());
    PartFile partFile = new PartFile(part);
    boolean complete = false;
    try {
      long bytes = fetch(start, partFile, target, expectedBytes, progress);
      complete = true;
      return new DownloadResult(target, bytes);
    } finally {
      if (!complete && partFile.ours && !partFile.holdsBytes()) {
        deletePart(part);
      }
    }
  }

  /**
   * The {@code .part} file; whether this download held its lock (else it is another's, never to be deleted), and
   * whether its bytes are worth keeping for the next try when this one fails.
   */
  private static final class PartFile {
    final Path path;
    boolean ours;
    boolean keep;

    PartFile(Path path) {
      this.path = path;
    }

    boolean holdsBytes() {
      try {
        return keep && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size() > 0;
      } catch (IOException gone) {
        return false;
      }
    }
  }

  private static void refuseLink(Path path, String what) throws ConnectorException {
    if (Files.isSymbolicLink(path)) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, path + " is a symbolic link, and " + what + " is "
          + "never written through a link (it could point anywhere). Remove the link, or download into another "
          + "directory.");
    }
  }

  /** Fills the {@code .part} file and moves it into place, holding its lock throughout. */
  private long fetch(HttpUrl start, PartFile partFile, Path target, long expectedBytes, Progress progress)
      throws ConnectorException {
    Path part = partFile.path;
    String name = target.getFileName().toString();
    try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      // The lock must be on the file still named .part: one that another download moved into place between this
      // open and the lock is the finished file, never to be written again.
      if (!lock(out) || !Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
        throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "Another download is writing " + part + " (another "
            + "worker or step downloading the same file); it was left alone. Retry later: a next try goes on from "
            + "its bytes.");
      }
      partFile.ours = true;
      long written = transfer(start, partFile, out, expectedBytes, progress, name);
      moveIntoPlace(part, target);
      return written;
    } catch (IOException local) {
      if (Files.isSymbolicLink(part)) {
        // Planted after the check above; NOFOLLOW_LINKS refused to open through it.
        refuseLink(part, "the unfinished download of " + name);
      }
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "Cannot write " + part + " (" + local + "). Check that "
          + "the directory exists, is writable and has free space.", local);
    }
  }

  /**
   * Takes the file's lock, held until the channel closes; false when another process, or another download in this
   * one, holds it.
   */
  private static boolean lock(FileChannel out) throws IOException {
    try {
      return out.tryLock() != null;
    } catch (OverlappingFileLockException heldHere) {
      return false;
    }
  }

  private long transfer(HttpUrl start, PartFile partFile, FileChannel out, long expectedBytes, Progress progress,
      String name) throws IOException, ConnectorException {
    Path part = partFile.path;
    long written = out.size();
    if (expectedBytes >= 0 && written > expectedBytes) {
      // Not a beginning of this file: more bytes than the provider has for it.
      out.truncate(0);
      written = 0;
    } else if (written > 0) {
      LOG.info("download of {} goes on from the {} bytes of {}", name, written, part);
    }
    out.position(written);
    // From here on its bytes are a beginning of this file, which a later try can go on from.
    partFile.keep = true;
    if (expectedBytes > 0 && written == expectedBytes) {
      // An earlier try wrote every byte but stopped before moving the file into place.
      progress.report(written, expectedBytes, name);
      out.force(true);
      return written;
    }
    for (int breaks = 0; ; ) {
      try (Response response = hops.get(start, written)) {
        if (written > 0 && response.code() != 206) {
          // The server ignored the Range (or the part was not this file's) and sends the whole file again.
          out.truncate(0);
          out.position(0);
          written = 0;
        }
        checkResumedAt(response, written);
        refuseHtml(response);
        long total = total(response, written, expectedBytes);
        progress.report(written, total, name);
        try {
          written = copy(response.body().source(), out, written, total, progress, name);
          break;
        } catch (BrokenTransfer broken) {
          breaks++;
          written = out.position();
          if (breaks > MAX_RESUMES) {
            throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "The download from " + start.host()
                + " broke off " + breaks + " times (last at byte " + written + "). Retry later: the next try "
                + "goes on from the bytes kept in " + part.getFileName() + ".", broken.getCause());
          }
          LOG.info("download from {} broke at byte {}; resuming ({} of {})", start.host(), written, breaks,
              MAX_RESUMES);
          waiter.pause(Backoff.after(breaks));
        }
      }
    }
    if (expectedBytes >= 0 && written != expectedBytes) {
      partFile.keep = false;
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "The download from " + start.host() + " has "
          + written + " bytes but " + provider + " announced " + expectedBytes + "; the file was discarded. "
          + "Retry later.");
    }
    out.force(true);
    return written;
  }

  private void checkResumedAt(Response response, long written) throws ConnectorException {
    if (response.code() != 206) {
      return;
    }
    Matcher range = CONTENT_RANGE.matcher(String.valueOf(response.header("Content-Range")));
    if (!range.matches() || Long.parseLong(range.group(1)) != written) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, provider + " resumed the download with "
          + "Content-Range '" + response.header("Content-Range") + "' instead of at byte " + written
          + ". Retry later.");
    }
  }

  /** Zoom answers 200 with an HTML page ("Only the host can download…") when the user lacks the right. */
  private void refuseHtml(Response response) throws ConnectorException {
    if (MediaTypes.isHtml(response.body().contentType())) {
      throw new ConnectorException(ErrorCode.PERMISSION_DENIED, provider + " answered the download with an HTML "
          + "page instead of the file: the connected user may not download it (for example, only the host or an "
          + "admin may download a recording). Connect as a user with that right, or ask its owner to share it.");
    }
  }

  /** The file's full size: from Content-Range or Content-Length, else what the provider announced, else -1. */
  private static long total(Response response, long written, long expectedBytes) {
    if (response.code() == 206) {
      Matcher range = CONTENT_RANGE.matcher(String.valueOf(response.header("Content-Range")));
      if (range.matches() && !"*".equals(range.group(2))) {
        return Long.parseLong(range.group(2));
      }
    }
    long length = response.body().contentLength();
    return length >= 0 ? written + length : expectedBytes;
  }

  /** Appends the body to {@code out}; a read failure is a {@link BrokenTransfer}, a write failure stays local. */
  private static long copy(BufferedSource source, FileChannel out, long written, long total, Progress progress,
      String name) throws IOException, BrokenTransfer {
    byte[] chunk = new byte[CHUNK];
    long done = written;
    while (true) {
      int read;
      try {
        read = source.read(chunk);
      } catch (IOException broken) {
        throw new BrokenTransfer(broken);
      }
      if (read == -1) {
        return done;
      }
      OkioTick.request();
      ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      done += read;
      progress.report(done, total, name);
    }
  }

  private static void moveIntoPlace(Path part, Path target) throws ConnectorException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "Cannot move the finished download to " + target
          + " (" + e + "). Check that the directory is writable.", e);
    }
  }

  /** Makes the rename durable. Some platforms (Windows) cannot open a directory; there the rename must do. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException unsupported) {
      LOG.debug("cannot sync directory {}: {}", directory, unsupported.toString());
    }
  }

  private static void deletePart(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException e) {
      LOG.warn("could not delete the unfinished download {}: {}", part, e.toString());
    }
  }
}
