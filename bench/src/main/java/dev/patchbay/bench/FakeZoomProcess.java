package dev.patchbay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link FakeZoom} in a JVM of its own, so that the benchmark's process CPU time is the client's alone: a peer
 * comparison per call must not count the server's work on the client. The child prints its base URL on the first
 * line and stops when its standard input closes (also when the benchmark's JVM dies).
 */
final class FakeZoomProcess implements AutoCloseable {

  private final Process process;
  private final String baseUrl;

  private FakeZoomProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  static FakeZoomProcess start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null || !first.startsWith("http://")) {
      process.destroyForcibly();
      throw new IOException("the FakeZoom child process did not start: " + first);
    }
    return new FakeZoomProcess(process, first);
  }

  /** The server's URL for a path, e.g. {@code url("/v2/users/me")}. */
  String url(String path) {
    return baseUrl + path.substring(1);
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The child: serve until standard input closes. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      try (FakeZoom zoom = new FakeZoom()) {
        System.out.println(zoom.url("/"));
        System.out.flush();
        Thread drain = new Thread(() -> {
          while (true) {
            try {
              zoom.drainRecordedRequests();
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "drain-recorded-requests");
        drain.setDaemon(true);
        drain.start();
        while (System.in.read() >= 0) {
          // wait for EOF
        }
      }
    }
  }
}
