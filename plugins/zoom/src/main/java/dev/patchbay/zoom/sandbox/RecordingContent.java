package dev.patchbay.zoom.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a recording file, generated from its id: the same id and size always give the same bytes, any range
 * can be produced without the ones before it (for {@code Range} requests), and nothing is stored. Video and audio
 * start with an MP4 {@code ftyp} box followed by noise; transcripts are WebVTT and chats text, in fixed-size cues so
 * that any offset maps straight to a cue.
 */
final class RecordingContent {

  private static final int CHUNK = 64 * 1024;

  private static final byte[] MP4_HEADER = {
      0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
  private static final byte[] VTT_HEADER = "WEBVTT\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_HEADER = new byte[0];

  private static final String[] SPEAKERS = {"Ada", "Grace", "Alan", "Barbara", "Edsger", "Margaret"};
  private static final String[] LINES = {
      "Let's start with the roadmap for next quarter.",
      "The sandbox answers like Zoom, errors included.",
      "Can everyone see my screen now?",
      "We shipped the recording download last week.",
      "Rotation means every refresh returns a new token.",
      "I'll follow up with the notes after the call.",
      "The rate limit is per account, not per app.",
      "Page tokens expire after fifteen minutes."};
  /** Every cue is padded to this many bytes, so cue n starts at header + n * CUE_BYTES. */
  private static final int CUE_BYTES = 112;

  private RecordingContent() {}

  /** Writes bytes [from, to) of the file. */
  static void write(RecordingFile file, long from, long to, OutputStream out) throws IOException {
    long seed = seed(file.id());
    byte[] header = header(file);
    boolean media = isMedia(file);
    byte[] chunk = new byte[CHUNK];
    long cueNumber = -1;
    byte[] cue = null;
    long position = from;
    while (position < to) {
      int length = (int) Math.min(CHUNK, to - position);
      for (int i = 0; i < length; i++) {
        long p = position + i;
        if (p < header.length) {
          chunk[i] = header[(int) p];
        } else if (media) {
          chunk[i] = (byte) (mix(seed + (p >>> 3)) >>> ((p & 7) * 8));
        } else {
          long offset = p - header.length;
          if (offset / CUE_BYTES != cueNumber) {
            cueNumber = offset / CUE_BYTES;
            cue = cue(file, seed, cueNumber);
          }
          chunk[i] = cue[(int) (offset % CUE_BYTES)];
        }
      }
      out.write(chunk, 0, length);
      position += length;
    }
  }

  private static boolean isMedia(RecordingFile file) {
    return "MP4".equals(file.fileType()) || "M4A".equals(file.fileType());
  }

  private static byte[] header(RecordingFile file) {
    if (isMedia(file)) {
      return MP4_HEADER;
    }
    return "TRANSCRIPT".equals(file.fileType()) ? VTT_HEADER : NO_HEADER;
  }

  /** Cue n, padded with spaces before its final blank line to exactly CUE_BYTES. */
  private static byte[] cue(RecordingFile file, long seed, long n) {
    long random = mix(seed ^ n);
    String speaker = SPEAKERS[Math.floorMod(random, SPEAKERS.length)];
    String line = LINES[Math.floorMod(random >>> 16, LINES.length)];
    String text;
    if ("CHAT".equals(file.fileType())) {
      text = clock(n * 20) + "\t From " + speaker + " to Everyone:\t" + line;
    } else {
      text = (n + 1) + "\n" + clock(n * 5) + ".000 --> " + clock(n * 5 + 5) + ".000\n" + speaker + ": " + line;
    }
    StringBuilder cue = new StringBuilder(text);
    int end = "CHAT".equals(file.fileType()) ? 1 : 2;
    while (cue.length() < CUE_BYTES - end) {
      cue.append(' ');
    }
    cue.setLength(CUE_BYTES - end);
    cue.append(end == 1 ? "\n" : "\n\n");
    return cue.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String clock(long seconds) {
    long hours = (seconds / 3600) % 100;
    return String.format("%02d:%02d:%02d", hours, (seconds / 60) % 60, seconds % 60);
  }

  /** FNV-1a of the id: a stable seed per file. */
  private static long seed(String id) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** SplitMix64's finalizer: a well-spread value for every input. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
