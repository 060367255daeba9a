package dev.patchbay.zoom.sandbox;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** Sends at most a number of bytes per second, in slices of a tenth of a second, flushing each. */
final class ThrottledOutputStream extends FilterOutputStream {

  private final int slice;

  ThrottledOutputStream(OutputStream out, long bytesPerSecond) {
    super(out);
    this.slice = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytesPerSecond / 10));
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int sent = 0;
    while (sent < length) {
      int now = Math.min(slice, length - sent);
      out.write(bytes, offset + sent, now);
      out.flush();
      sent += now;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("the sandbox stopped while sending a file");
      }
    }
  }
}
