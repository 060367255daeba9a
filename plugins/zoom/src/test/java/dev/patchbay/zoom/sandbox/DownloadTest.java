package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recording downloads: the redirect, the bearer header at the final location, ranges, and exact content. */
class DownloadTest {

  private SandboxFixture zoom;
  private String token;
  private JsonNode files;

  @BeforeEach
  void start() throws Exception {
    zoom = SandboxFixture.start();
    token = zoom.accessToken();
    files = json(zoom.get("/v2/meetings/81000000001/recordings", token)).path("recording_files");
  }

  @AfterEach
  void stop() {
    zoom.close();
  }

  private JsonNode file(String type) {
    for (JsonNode file : files) {
      if (file.path("file_type").asString().equals(type)) {
        return file;
      }
    }
    throw new AssertionError("no " + type + " file in " + files);
  }

  private HttpResponse<byte[]> fetch(String url, String bearer, String range) {
    HttpRequest.Builder request = HttpRequest.newBuilder(zoom.uri(url)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (range != null) {
      request.header("Range", range);
    }
    try {
      return zoom.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Follows the download_url's redirect by hand, sending the bearer header again at the new location. */
  private HttpResponse<byte[]> download(JsonNode file, String range) {
    HttpResponse<byte[]> redirect = fetch(file.path("download_url").asString(), token, null);
    assertEquals(302, redirect.statusCode());
    return fetch(redirect.headers().firstValue("Location").orElseThrow(), token, range);
  }

  @Test
  void theDownloadUrlRedirectsToALocationThatNeedsTheBearerHeader() {
    JsonNode mp4 = file("MP4");
    String id = mp4.path("id").asString();

    HttpResponse<byte[]> redirect = fetch(mp4.path("download_url").asString(), null, null);
    String location = redirect.headers().firstValue("Location").orElseThrow();

    assertEquals(302, redirect.statusCode());
    assertEquals(zoom.sandbox.origin() + "/rec/files/" + id, location);
    HttpResponse<byte[]> withoutHeader = fetch(location, null, null);
    assertEquals(401, withoutHeader.statusCode());
    assertEquals("{\"code\":124,\"message\":\"Requires an access token.\"}",
        new String(withoutHeader.body(), StandardCharsets.UTF_8));
    assertEquals(401, fetch(location + "?access_token=" + token, null, null).statusCode());
    assertEquals(401, fetch(location, "not-a-token", null).statusCode());
  }

  @Test
  void theFileHasExactlyTheStatedSizeAndTheSameBytesEveryTime() throws Exception {
    JsonNode mp4 = file("MP4");

    HttpResponse<byte[]> response = download(mp4, null);

    assertEquals(200, response.statusCode());
    assertEquals(mp4.path("file_size").asLong(), response.body().length);
    assertEquals(String.valueOf(mp4.path("file_size").asLong()),
        response.headers().firstValue("Content-Length").orElseThrow());
    assertEquals("video/mp4", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("bytes", response.headers().firstValue("Accept-Ranges").orElseThrow());
    assertEquals("ftyp", new String(response.body(), 4, 4, StandardCharsets.US_ASCII));
    try (SandboxFixture other = SandboxFixture.start()) {
      String otherToken = other.accessToken();
      HttpResponse<byte[]> again = other.http.send(HttpRequest.newBuilder(other.uri("/rec/files/"
          + mp4.path("id").asString())).header("Authorization", "Bearer " + otherToken).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertArrayEquals(response.body(), again.body(), "another sandbox serves the same bytes for the same file");
    }
  }

  @Test
  void aRangeResumesTheDownload() {
    JsonNode m4a = file("M4A");
    long size = m4a.path("file_size").asLong();
    byte[] whole = download(m4a, null).body();

    HttpResponse<byte[]> tail = download(m4a, "bytes=100000-");
    HttpResponse<byte[]> middle = download(m4a, "bytes=10-19");
    HttpResponse<byte[]> beyond = download(m4a, "bytes=" + size + "-");

    assertEquals(206, tail.statusCode());
    assertEquals("bytes 100000-" + (size - 1) + "/" + size, tail.headers().firstValue("Content-Range").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(whole, 100000, (int) size), tail.body());
    assertEquals(206, middle.statusCode());
    assertArrayEquals(Arrays.copyOfRange(whole, 10, 20), middle.body());
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + size, beyond.headers().firstValue("Content-Range").orElseThrow());
    // The two ranges served are counted, so a test can tell a resumed download from one that started again.
    String path = "/rec/files/" + m4a.path("id").asString();
    assertEquals(2, zoom.control().rangedRequestCount(path));
    assertEquals("{\"count\":2}", new String(fetch("/_sandbox/requests?ranged=true&pathPrefix=" + path, null, null)
        .body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aThrottledDownloadArrivesWhole() {
    JsonNode m4a = file("M4A");
    byte[] whole = download(m4a, null).body();
    // Slices of a tenth of the rate, a pause after each: the file comes in 5 slices.
    zoom.control().downloadBytesPerSecond(whole.length * 2L);

    assertArrayEquals(whole, download(m4a, null).body());
  }

  @Test
  void transcriptsAreWebVtt() {
    JsonNode transcript = file("TRANSCRIPT");

    HttpResponse<byte[]> response = download(transcript, null);

    assertEquals("text/vtt;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(transcript.path("file_size").asLong(), response.body().length);
    String text = new String(response.body(), StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\n"), text.substring(0, 80));
    assertTrue(text.contains("\n\n2\n00:00:05.000 --> 00:00:10.000\n"));
    byte[] resumed = download(transcript, "bytes=5000-").body();
    assertArrayEquals(Arrays.copyOfRange(response.body(), 5000, response.body().length), resumed);
  }

  @Test
  void aTrashedFileCannotBeDownloaded() {
    JsonNode mp4 = file("MP4");
    zoom.send("DELETE", "/v2/meetings/81000000001/recordings/" + mp4.path("id").asString(), token, null);

    assertEquals(404, fetch(mp4.path("download_url").asString(), token, null).statusCode());
    assertEquals(404, fetch("/rec/files/" + mp4.path("id").asString(), token, null).statusCode());
  }

  @Test
  void anotherUserGetsZoomsHtmlPageInsteadOfTheFile() {
    zoom.control().signedInUser(SandboxFixture.GRACE);
    String grace = zoom.accessToken();

    HttpResponse<byte[]> response = fetch("/rec/files/" + file("MP4").path("id").asString(), grace, null);

    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Only the host can download"));
    HttpResponse<byte[]> admin = fetch("/rec/files/" + file("MP4").path("id").asString(), zoom.serverToServerToken(),
        null);
    assertEquals("video/mp4", admin.headers().firstValue("Content-Type").orElseThrow(), "an admin token may download");
  }
}
