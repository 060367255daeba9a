package dev.patchbay.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;

/** Looks through shared folders such as the temporary folder, where other processes create and delete files. */
public final class FileTrees {

  private FileTrees() {}

  /** Whether a file of that name is anywhere below {@code root}; files vanishing during the walk are skipped. */
  public static boolean containsFileNamed(Path root, String name) {
    AtomicBoolean found = new AtomicBoolean();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (file.getFileName().toString().equals(name)) {
            found.set(true);
            return FileVisitResult.TERMINATE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found.get();
  }
}
