package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.Progress;
import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads: the bearer token on every redirect hop, an HTML answer refused, a broken transfer resumed with Range,
 * the size checked, and only a complete file ever at the target.
 */
class DownloadTest extends RelayTestBase {

  private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path folder;

  record Report(long done, long total, String what) {}

  final List<Report> reports = new CopyOnWriteArrayList<>();

  ActivityCall download(String url, long expectedBytes) {
    String input = Json.MAPPER.createObjectNode()
        .put("url", url)
        .put("target", target().toString())
        .put("expectedBytes", expectedBytes)
        .toString();
    Progress progress = (done, total, what) -> reports.add(new Report(done, total, what));
    return harness.call("files.download", input).withProgress(progress);
  }

  Path target() {
    return folder.resolve("meeting.mp4");
  }

  Path part() {
    return folder.resolve("meeting.mp4.part");
  }

  static MockResponse file(byte[] content) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "video/mp4")
        .body(new Buffer().write(content)).build();
  }

  List<String> filesInFolder() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void redirectToAnotherHostKeepsTheBearerTokenOnEveryHop() throws Exception {
    try (MockWebServer storage = new MockWebServer()) {
      storage.start();
      harness.server.enqueue(new MockResponse.Builder().code(302)
          .addHeader("Location", storage.url("/files/abc?sig=s1").toString()).build());
      storage.enqueue(file(HELLO));

      ActivityResult result = harness.runner.run(download(harness.server.url("/rec/download/abc").toString(), 11));

      assertEquals(target().toString(), result.output().path("path").asString());
      assertEquals(11, result.output().path("bytes").asLong());
      assertArrayEquals(HELLO, Files.readAllBytes(target()));
      assertEquals(List.of("meeting.mp4"), filesInFolder());
      RecordedRequest first = harness.request();
      assertEquals("/rec/download/abc", first.getTarget());
      assertEquals("Bearer token-1", first.getHeaders().get("Authorization"));
      RecordedRequest second = storage.takeRequest();
      assertEquals("/files/abc?sig=s1", second.getTarget());
      assertEquals("Bearer token-1", second.getHeaders().get("Authorization"));
      assertEquals(new Report(11, 11, "meeting.mp4"), reports.get(reports.size() - 1));
    }
  }

  @Test
  void htmlAnswerIsPermissionDeniedAndLeavesNoFile() throws Exception {
    harness.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html>Only the host can download this recording.</html>").build());

    ActivityError error = harness.failure(download(harness.server.url("/rec/download/abc").toString(), -1));

    assertEquals(new ActivityError(ErrorCode.PERMISSION_DENIED, "Relay answered the download with an HTML page "
        + "instead of the file: the connected user may not download it (for example, only the host or an admin may "
        + "download a recording). Connect as a user with that right, or ask its owner to share it.", Map.of()),
        error);
    assertEquals(List.of(), filesInFolder());
  }

  @Test
  void brokenTransferResumesWithARangeRequest() throws Exception {
    byte[] content = new byte[200_000];
    Arrays.fill(content, (byte) 'x');
    content[content.length - 1] = 'y';
    List<String> ranges = new CopyOnWriteArrayList<>();
    harness.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        if (range == null) {
          return new MockResponse.Builder(file(content)).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
              .build();
        }
        ranges.add(range);
        int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        return new MockResponse.Builder().code(206).addHeader("Content-Type", "video/mp4")
            .addHeader("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length)
            .body(new Buffer().write(content, from, content.length - from)).build();
      }
    });

    ActivityResult result = harness.runner.run(download(harness.server.url("/rec/download/abc").toString(),
        content.length));

    assertEquals(content.length, result.output().path("bytes").asLong());
    assertArrayEquals(content, Files.readAllBytes(target()));
    assertEquals(1, ranges.size(), ranges.toString());
    long resumedAt = Long.parseLong(ranges.get(0).substring("bytes=".length(), ranges.get(0).length() - 1));
    assertTrue(resumedAt > 0 && resumedAt < content.length, ranges.toString());
    assertEquals(1, harness.sleeper.waits().size(), "one pause before resuming");
    assertEquals(List.of("meeting.mp4"), filesInFolder());
  }

  @Test
  void transferBreakingOffAgainAndAgainFailsAfterThreeResumes() throws Exception {
    byte[] content = new byte[200_000];
    for (int i = 0; i < 4; i++) {
      harness.server.enqueue(new MockResponse.Builder(file(content))
          .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    ActivityError error = harness.failure(download(harness.server.url("/rec/download/abc").toString(), -1));

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertTrue(error.message().startsWith("The download from " + harness.server.getHostName() + " broke off 4 times "
        + "(last at byte "), error.message());
    assertTrue(error.message().endsWith("Retry later: the next try goes on from the bytes kept in "
        + "meeting.mp4.part."), error.message());
    assertEquals(4, harness.server.getRequestCount());
    assertEquals(List.of("meeting.mp4.part"), filesInFolder());
    assertTrue(Files.size(part()) > 0);
  }

  /** Ctrl-C (or a crash) during a download left part of the file; the re-run asks only for the rest. */
  @Test
  void aDownloadStoppedEarlierGoesOnFromItsPartFileWithARangeRequest() throws Exception {
    byte[] content = new byte[50_000];
    new java.util.Random(7).nextBytes(content);
    Files.write(part(), Arrays.copyOf(content, 20_000));
    List<String> ranges = new CopyOnWriteArrayList<>();
    harness.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String range = String.valueOf(request.getHeaders().get("Range"));
        ranges.add(range);
        return new MockResponse.Builder().code(206).addHeader("Content-Type", "video/mp4")
            .addHeader("Content-Range", "bytes 20000-49999/50000")
            .body(new Buffer().write(content, 20_000, 30_000)).build();
      }
    });

    ActivityResult result = harness.runner.run(download(harness.server.url("/rec/download/abc").toString(),
        content.length));

    assertEquals(List.of("bytes=20000-"), ranges);
    assertEquals(content.length, result.output().path("bytes").asLong());
    assertArrayEquals(content, Files.readAllBytes(target()));
    assertEquals(List.of("meeting.mp4"), filesInFolder());
  }

  /**
   * A .part file another download holds (a Temporal worker cut off after its step went to another, or a second step
   * naming the same target) is left alone, nothing is requested, and a try after it was let go goes on from it.
   */
  @Test
  void aPartFileAnotherDownloadHoldsIsLeftAloneAndALaterTryGoesOnFromIt() throws Exception {
    Files.write(part(), Arrays.copyOf(HELLO, 5));
    String url = harness.server.url("/rec/download/abc").toString();

    try (FileChannel other = FileChannel.open(part(), StandardOpenOption.WRITE); FileLock held = other.lock()) {
      ActivityError error = harness.failure(download(url, HELLO.length));

      assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
      assertEquals("Another download is writing " + part() + " (another worker or step downloading the same file); "
          + "it was left alone. Retry later: a next try goes on from its bytes.", error.message());
      assertArrayEquals(Arrays.copyOf(HELLO, 5), Files.readAllBytes(part()));
      assertEquals(0, harness.server.getRequestCount());
    }
    harness.server.enqueue(new MockResponse.Builder().code(206).addHeader("Content-Type", "video/mp4")
        .addHeader("Content-Range", "bytes 5-10/11").body(new Buffer().write(HELLO, 5, 6)).build());

    harness.runner.run(download(url, HELLO.length));

    assertEquals("bytes=5-", harness.request().getHeaders().get("Range"));
    assertArrayEquals(HELLO, Files.readAllBytes(target()));
    assertEquals(List.of("meeting.mp4"), filesInFolder());
  }

  @Test
  void aPartFileLongerThanTheAnnouncedSizeIsNotThisFileAndStartsOver() throws Exception {
    Files.write(part(), new byte[500]);
    harness.server.enqueue(file(HELLO));

    harness.runner.run(download(harness.server.url("/rec/download/abc").toString(), HELLO.length));

    assertEquals(null, harness.request().getHeaders().get("Range"));
    assertArrayEquals(HELLO, Files.readAllBytes(target()));
  }

  /** Issue 17: a link planted as the .part file must not make the download overwrite what it points to. */
  @Test
  void aSymbolicLinkPlantedAsThePartFileIsRefusedAndWhatItPointsToIsUntouched() throws Exception {
    Path victim = Files.writeString(Files.createTempDirectory("victim").resolve("authorized_keys"), "keep me");
    Files.createSymbolicLink(part(), victim);
    harness.server.enqueue(file(HELLO));

    ActivityError error = harness.failure(download(harness.server.url("/rec/download/abc").toString(), 11));

    assertEquals(new ActivityError(ErrorCode.INVALID_INPUT, part() + " is a symbolic link, and the unfinished "
        + "download of meeting.mp4 is never written through a link (it could point anywhere). Remove the link, or "
        + "download into another directory.", Map.of()), error);
    assertEquals("keep me", Files.readString(victim));
    assertTrue(Files.isSymbolicLink(part()));
    assertEquals(0, harness.server.getRequestCount());
    Files.delete(part());
  }

  @Test
  void aSymbolicLinkAtTheDestinationIsRefused() throws Exception {
    Path victim = Files.writeString(Files.createTempDirectory("victim").resolve("file"), "keep me");
    Files.createSymbolicLink(target(), victim);
    harness.server.enqueue(file(HELLO));

    ActivityError error = harness.failure(download(harness.server.url("/rec/download/abc").toString(), 11));

    assertEquals(ErrorCode.INVALID_INPUT, error.code());
    assertEquals(target() + " is a symbolic link, and the download's destination is never written through a link "
        + "(it could point anywhere). Remove the link, or download into another directory.", error.message());
    assertEquals("keep me", Files.readString(victim));
    assertEquals(List.of("meeting.mp4"), filesInFolder());
    Files.delete(target());
  }

  @Test
  void serverIgnoringTheRangeRestartsFromTheFirstByte() throws Exception {
    byte[] content = new byte[200_000];
    Arrays.fill(content, (byte) 'z');
    harness.server.enqueue(new MockResponse.Builder(file(content))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    harness.server.enqueue(file(content));

    harness.runner.run(download(harness.server.url("/rec/download/abc").toString(), content.length));

    assertArrayEquals(content, Files.readAllBytes(target()));
    harness.request();
    assertTrue(harness.request().getHeaders().get("Range").startsWith("bytes="));
  }

  @Test
  void sizeDifferentFromTheAnnouncedOneFailsAndLeavesNoFile() throws Exception {
    harness.server.enqueue(file(HELLO));

    ActivityError error = harness.failure(download(harness.server.url("/rec/download/abc").toString(), 100));

    assertEquals(new ActivityError(ErrorCode.UPSTREAM_ERROR, "The download from " + harness.server.getHostName()
        + " has 11 bytes but Relay announced 100; the file was discarded. Retry later.", Map.of()), error);
    assertEquals(List.of(), filesInFolder());
  }

  @Test
  void tooManyRedirectsFail() throws Exception {
    String url = harness.server.url("/rec/download/abc").toString();
    for (int i = 0; i < 6; i++) {
      harness.server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", url).build());
    }

    ActivityError error = harness.failure(download(url, -1));

    assertEquals(new ActivityError(ErrorCode.UPSTREAM_ERROR, "The download from " + harness.server.getHostName()
        + " was redirected more than 5 times. Retry later.", Map.of()), error);
    assertEquals(6, harness.server.getRequestCount());
    assertEquals(List.of(), filesInFolder());
  }

  @Test
  void missingFileIsMappedLikeAnyProviderError() throws Exception {
    harness.respond(404, "{\"code\":2002,\"message\":\"No such recording\"}");

    ActivityError error = harness.failure(download(harness.server.url("/rec/download/abc").toString(), -1));

    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals("Check the thing's id.", error.details().get(ActivityError.REMEDIATION));
    assertFalse(Files.exists(target()));
  }

  @Test
  void rejectedTokenIsRefreshedForADownloadToo() throws Exception {
    harness.respond(401, "{\"code\":124,\"message\":\"Access token is expired.\"}");
    harness.server.enqueue(file(HELLO));

    harness.runner.run(download(harness.server.url("/rec/download/abc").toString(), 11));

    assertEquals("Bearer token-1", harness.request().getHeaders().get("Authorization"));
    assertEquals("Bearer token-2", harness.request().getHeaders().get("Authorization"));
    assertArrayEquals(HELLO, Files.readAllBytes(target()));
  }
}
