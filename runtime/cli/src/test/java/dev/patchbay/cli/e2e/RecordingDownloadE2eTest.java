package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.fails;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code recordings.download} against the sandbox's recording storage (a redirect, then a file that wants the bearer
 * header): every written file has the size Zoom announced and exactly the bytes a direct authenticated GET returns.
 */
class RecordingDownloadE2eTest extends SandboxE2eTest {

  /** "Customer interview": an MP4, an M4A and a transcript. */
  private static final long MEETING = 81000000011L;

  @TempDir
  Path downloads;

  @Test
  void downloadsEveryFileWithTheAnnouncedSizeAndTheServedBytes() throws Exception {
    JsonNode recording = run(runtime, "zoom/recordings.get", CONNECTION, "{\"meetingId\":" + MEETING + "}").output();
    JsonNode announced = recording.path("recording_files");
    assertEquals(3, announced.size());

    JsonNode output = run(runtime, "zoom/recordings.download", CONNECTION,
        "{\"meetingId\":" + MEETING + ",\"directory\":" + quoted(downloads) + "}").output();

    assertEquals(MEETING, output.path("meetingId").asLong());
    assertEquals(0, output.path("skipped").size(), output::toString);
    JsonNode files = output.path("files");
    assertEquals(3, files.size(), output::toString);
    String token = runtime.connections().tokens(runtime.connections().get(CONNECTION)).current().reveal();
    for (int i = 0; i < 3; i++) {
      JsonNode file = files.get(i);
      JsonNode zoomFile = announced.get(i);
      Path written = Path.of(file.path("path").asString());
      assertEquals(downloads, written.getParent());
      assertEquals(zoomFile.path("id").asString(), file.path("recordingId").asString());
      assertEquals(zoomFile.path("file_type").asString(), file.path("fileType").asString());
      assertEquals(zoomFile.path("file_size").asLong(), file.path("bytes").asLong());
      assertEquals(zoomFile.path("file_size").asLong(), Files.size(written));
      assertArrayEquals(directGet(zoomFile.path("download_url").asString(), token), Files.readAllBytes(written),
          written + " differs from what the sandbox serves");
    }
    assertEquals(List.of(), leftovers(), "no temporary files left behind");
  }

  @Test
  void refusesToOverwriteUnlessAskedAndThenWritesTheSameBytes() throws Exception {
    String input = "{\"meetingId\":" + MEETING + ",\"directory\":" + quoted(downloads) + "}";
    run(runtime, "zoom/recordings.download", CONNECTION, input);
    Map<String, String> first = hashes();
    long fileRequests = sandbox.requests("/rec/");
    Path firstFile = Files.list(downloads).sorted().findFirst().orElseThrow();
    Files.write(firstFile, new byte[] {1, 2, 3}); // a file the user changed since

    ActivityException refused = fails(ErrorCode.INVALID_INPUT, runtime, "zoom/recordings.download", CONNECTION,
        input);

    assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
    assertTrue(refused.getMessage().contains("overwrite"), refused.getMessage());
    assertEquals(fileRequests, sandbox.requests("/rec/"), "nothing downloaded after the refusal");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(firstFile), "nothing overwritten");

    run(runtime, "zoom/recordings.download", CONNECTION,
        "{\"meetingId\":" + MEETING + ",\"directory\":" + quoted(downloads) + ",\"overwrite\":true}");

    assertEquals(first, hashes(), "a second download gives the same bytes");
  }

  @Test
  void downloadsOneFileByIdAndSurvivesADroppedConnection() throws Exception {
    JsonNode recording = run(runtime, "zoom/recordings.get", CONNECTION, "{\"meetingId\":" + MEETING + "}").output();
    JsonNode transcript = recording.path("recording_files").get(2);
    assertEquals("TRANSCRIPT", transcript.path("file_type").asString());
    sandbox.control("{\"dropConnections\":{\"count\":1,\"pathPrefix\":\"/rec/files\"}}");

    JsonNode output = run(runtime, "zoom/recordings.download", CONNECTION, "{\"meetingId\":" + MEETING
        + ",\"recordingId\":\"" + transcript.path("id").asString() + "\",\"directory\":" + quoted(downloads) + "}")
        .output();

    assertEquals(1, output.path("files").size(), output::toString);
    Path written = Path.of(output.path("files").get(0).path("path").asString());
    assertEquals(transcript.path("file_size").asLong(), Files.size(written));
    assertTrue(Files.readString(written).startsWith("WEBVTT\n\n"));
    assertEquals(2, sandbox.requests("/rec/files/"), "the dropped request and the retry");
    ActivityException unknown = fails(ErrorCode.NOT_FOUND, runtime, "zoom/recordings.download", CONNECTION,
        "{\"meetingId\":" + MEETING + ",\"recordingId\":\"no-such-file\",\"directory\":" + quoted(downloads) + "}");
    assertTrue(unknown.getMessage().contains("no-such-file"), unknown.getMessage());
  }

  /** The file as the sandbox serves it: follow the download URL's redirect by hand, bearer header on both hops. */
  private byte[] directGet(String downloadUrl, String token) throws IOException {
    String location;
    try (Response redirect = sandbox.send(new Request.Builder().url(downloadUrl)
        .header("Authorization", "Bearer " + token).build())) {
      assertEquals(302, redirect.code(), downloadUrl);
      location = redirect.header("Location");
    }
    try (Response file = sandbox.send(new Request.Builder().url(location)
        .header("Authorization", "Bearer " + token).build())) {
      assertEquals(200, file.code(), location);
      return file.body().bytes();
    }
  }

  private Map<String, String> hashes() throws IOException, NoSuchAlgorithmException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.list(downloads)) {
      for (Path file : files.toList()) {
        hashes.put(file.getFileName().toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    assertEquals(3, hashes.size(), hashes::toString);
    return hashes;
  }

  private List<String> leftovers() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(downloads)) {
      files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".mp4") && !n.endsWith(".m4a")
          && !n.endsWith(".vtt")).forEach(names::add);
    }
    return names;
  }

  private static String quoted(Path path) {
    return dev.patchbay.engine.json.Json.MAPPER.writeValueAsString(path.toString());
  }
}
