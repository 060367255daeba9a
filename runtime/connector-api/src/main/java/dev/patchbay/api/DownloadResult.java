package dev.patchbay.api;

import java.nio.file.Path;

/**
 * A finished download.
 *
 * @param path where the file now is
 * @param bytes its size
 */
public record DownloadResult(Path path, long bytes) {}
