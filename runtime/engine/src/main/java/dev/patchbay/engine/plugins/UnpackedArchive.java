package dev.patchbay.engine.plugins;

import java.nio.file.Path;

/**
 * A plugin archive admitted, checked and unpacked, its descriptor read, not loaded yet.
 *
 * @param digest the archive's SHA-256: the same digest means the same plugin content
 * @param folder where it is unpacked
 * @param pluginId {@code plugin.id} as declared, or null when missing
 * @param version {@code plugin.version} as declared, or null when missing
 */
public record UnpackedArchive(Path archive, String digest, Path folder, String pluginId, String version) {}
