package dev.patchbay.zoom.recordings;

import static dev.patchbay.zoom.testing.Json.assertJson;
import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Download;
import dev.patchbay.zoom.testing.RecordingHttp.Send;
import dev.patchbay.zoom.testing.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class RecordingDownloadTest {

  private static final String URL = "https://zoom.us/rec/download/";

  private static final String RECORDINGS = """
      {"uuid":"/abc==","id":85746065432,"start_time":"2026-01-05T10:00:00Z","recording_files":[
        {"id":"f1","file_type":"MP4","file_extension":"MP4","file_size":11,"status":"completed",
         "recording_type":"shared_screen_with_speaker_view","download_url":"%1$sf1"},
        {"id":"f2","file_type":"M4A","file_extension":"M4A","file_size":4,"status":"completed",
         "recording_type":"audio_only","download_url":"%1$sf2"},
        {"file_type":"TIMELINE","file_extension":"JSON","download_url":"%1$stimeline"},
        {"id":"f3","file_type":"MP4","file_extension":"MP4","file_size":0,"status":"processing",
         "recording_type":"active_speaker","download_url":"%1$sf3"},
        {"id":"f4","file_type":"CHAT","file_extension":"TXT","file_size":0,"status":"completed",
         "recording_type":"chat_file","download_url":"%1$sf4"},
        {"id":"f5","file_type":"MP4","file_extension":"MP4","file_size":100,"status":"completed",
         "recording_type":"gallery_view"}]}""".formatted(URL);

  /** Named by the meeting number, never by the start time: the name of a file must not change between runs. */
  private static final String F1_NAME = "85746065432_shared_screen_with_speaker_view_f1.mp4";
  private static final String F2_NAME = "85746065432_audio_only_f2.m4a";

  @TempDir Path temp;

  /** An input of these fields plus the download directory. */
  private static TestContext context(RecordingHttp http, Path directory, String fields) {
    ObjectNode input = (ObjectNode) json(fields);
    input.put("directory", directory.toString());
    return new TestContext(input, http);
  }

  /** The path as a JSON string literal. */
  private static String quoted(Path path) {
    return JsonNodeFactory.instance.stringNode(path.toString()).toString();
  }

  /** One downloadable file of a meeting that has these recording fields. */
  private static String meetingWithOneFile(String meetingFields, String fileFields) {
    return "{" + meetingFields + "\"recording_files\":[{\"file_size\":3,\"status\":\"completed\","
        + "\"download_url\":\"" + URL + "x\"," + fileFields + "}]}";
  }

  @Test
  void downloadsEveryFinishedFileIntoANewDirectoryAndSaysWhichWereSkipped() throws Exception {
    Path directory = temp.resolve("out/standup");
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS).download("mp4 content").download("m4a!");
    TestContext context = context(http, directory, "{\"meetingId\":85746065432}");

    JsonNode output = new DownloadRecordings().execute(context);

    Path f1 = directory.resolve(F1_NAME);
    Path f2 = directory.resolve(F2_NAME);
    assertEquals(List.of(
        new Send("GET", "/meetings/85746065432/recordings", Map.of(), null),
        new Download(URL + "f1", f1, 11, context.progress()),
        new Download(URL + "f2", f2, 4, context.progress())), http.calls());
    assertJson(json("""
        {"meetingId":85746065432,
         "files":[
           {"recordingId":"f1","fileType":"MP4","fileExtension":"MP4","path":%s,"bytes":11,"status":"DOWNLOADED"},
           {"recordingId":"f2","fileType":"M4A","fileExtension":"M4A","path":%s,"bytes":4,"status":"DOWNLOADED"}],
         "skipped":[
           {"reason":"TIMELINE file has no id"},
           {"recordingId":"f3","reason":"status is processing, not completed"},
           {"recordingId":"f4","reason":"file_size is 0"},
           {"recordingId":"f5","reason":"no download_url"}]}"""
        .formatted(quoted(f1), quoted(f2))), output);
    assertEquals("mp4 content", Files.readString(f1));
  }

  @Test
  void downloadsOnlyTheRequestedFile() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS).download("m4a!");
    TestContext context = context(http, temp, "{\"meetingId\":\"/abc==\",\"recordingId\":\"f2\"}");

    JsonNode output = new DownloadRecordings().execute(context);

    assertEquals(List.of(
        new Send("GET", "/meetings/%252Fabc%253D%253D/recordings", Map.of(), null),
        new Download(URL + "f2", temp.resolve(F2_NAME), 4, context.progress())), http.calls());
    assertJson(json("""
        {"meetingId":"/abc==","skipped":[],
         "files":[{"recordingId":"f2","fileType":"M4A","fileExtension":"M4A","path":%s,"bytes":4,
                   "status":"DOWNLOADED"}]}"""
        .formatted(quoted(temp.resolve(F2_NAME)))), output);
  }

  @Test
  void aRequestedFileThatIsNotReadyIsSkippedNotDownloaded() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    JsonNode output = new DownloadRecordings().execute(
        context(http, temp, "{\"meetingId\":85746065432,\"recordingId\":\"f3\"}"));

    assertJson(json("""
        {"meetingId":85746065432,"files":[],
         "skipped":[{"recordingId":"f3","reason":"status is processing, not completed"}]}"""), output);
    assertEquals(1, http.calls().size());
  }

  @Test
  void anUnknownRecordingIdIsNotFound() {
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    ConnectorException e = assertThrows(ConnectorException.class, () -> new DownloadRecordings().execute(
        context(http, temp, "{\"meetingId\":85746065432,\"recordingId\":\"nope\"}")));

    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertEquals("meeting 85746065432 has no recording file nope", e.getMessage());
    assertEquals(1, http.calls().size());
  }

  @Test
  void anExistingFileIsNotOverwrittenAndNothingIsDownloaded() throws Exception {
    Files.writeString(temp.resolve(F2_NAME), "keep me");
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> new DownloadRecordings().execute(context(http, temp, "{\"meetingId\":85746065432}")));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals(temp.resolve(F2_NAME) + " already exists and is not this recording file whole (7 bytes, Zoom has 4); "
        + "set overwrite to true to replace it", e.getMessage());
    assertEquals(1, http.calls().size());
    assertEquals("keep me", Files.readString(temp.resolve(F2_NAME)));
    assertTrue(Files.notExists(temp.resolve(F1_NAME)));
  }

  /** Issue 16, item 1: an archive job runs again and again; what it saved whole before is done. */
  @Test
  void aFileAlreadyThereWholeIsSkippedAsDoneAndNotDownloadedAgain() throws Exception {
    Files.writeString(temp.resolve(F1_NAME), "mp4 content");
    Files.writeString(temp.resolve(F2_NAME), "m4a!");
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    JsonNode output = new DownloadRecordings().execute(context(http, temp, "{\"meetingId\":85746065432}"));

    assertEquals(1, http.calls().size(), "no download");
    String reason = "already in the directory whole (the size Zoom gives)";
    assertJson(json("""
        [{"recordingId":"f1","fileType":"MP4","fileExtension":"MP4","path":%s,"bytes":11,"status":"SKIPPED",
          "reason":"%3$s"},
         {"recordingId":"f2","fileType":"M4A","fileExtension":"M4A","path":%s,"bytes":4,"status":"SKIPPED",
          "reason":"%3$s"}]""".formatted(quoted(temp.resolve(F1_NAME)), quoted(temp.resolve(F2_NAME)), reason)),
        output.get("files"));
  }

  @Test
  void aLinkOfTheRightSizeIsNotTakenForTheArchivedFile() throws Exception {
    Path elsewhere = Files.writeString(temp.resolve("elsewhere.m4a"), "m4a!");
    Path directory = Files.createDirectories(temp.resolve("archive"));
    Files.createSymbolicLink(directory.resolve(F2_NAME), elsewhere);
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> new DownloadRecordings().execute(context(http, directory, "{\"meetingId\":85746065432}")));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().startsWith(directory.resolve(F2_NAME) + " already exists and is not this recording "
        + "file whole"), e.getMessage());
  }

  @Test
  void overwriteReplacesAnExistingFile() throws Exception {
    Files.writeString(temp.resolve(F2_NAME), "old");
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS).download("mp4 content").download("new!");

    new DownloadRecordings().execute(context(http, temp, "{\"meetingId\":85746065432,\"overwrite\":true}"));

    assertEquals(3, http.calls().size());
    assertEquals("new!", Files.readString(temp.resolve(F2_NAME)));
  }

  @Test
  void providerTextCannotLeaveTheDirectory() throws Exception {
    Path directory = temp.resolve("inside");
    RecordingHttp http = new RecordingHttp()
        .respond(meetingWithOneFile("\"start_time\":\"../../..\",",
            "\"id\":\"../x\",\"recording_type\":\"../../etc\",\"file_extension\":\"MP4/../../sh\""))
        .download("abc");
    TestContext context = context(http, directory, "{\"meetingId\":\"..\"}");

    new DownloadRecordings().execute(context);

    Download download = (Download) http.calls().get(1);
    // Every part sanitized to nothing falls back to a fixed word; no dot survives but the extension's.
    assertEquals(directory.resolve("meeting_etc_x.mp4_sh"), download.target());
    assertEquals(directory, download.target().getParent());
  }

  @Test
  void withoutAStartTimeTheMeetingIdNamesTheFile() throws Exception {
    RecordingHttp http = new RecordingHttp()
        .respond(meetingWithOneFile("", "\"id\":\"f9\",\"recording_type\":\"audio_only\","
            + "\"file_extension\":\"M4A\""))
        .download("abc");

    new DownloadRecordings().execute(context(http, temp, "{\"meetingId\":9007199254740993}"));

    assertEquals(temp.resolve("9007199254740993_audio_only_f9.m4a"), ((Download) http.calls().get(1)).target());
  }

  @Test
  void idsThatSanitizeAlikeGetDistinctNames() throws Exception {
    String file = "\"file_size\":3,\"status\":\"completed\",\"recording_type\":\"chat_file\","
        + "\"file_extension\":\"TXT\",\"download_url\":\"" + URL + "x\"";
    RecordingHttp http = new RecordingHttp()
        .respond("{\"recording_files\":[{\"id\":\"a/b\"," + file + "},{\"id\":\"a:b\"," + file + "}]}")
        .download("abc")
        .download("abc");

    new DownloadRecordings().execute(context(http, temp, "{\"meetingId\":7}"));

    assertEquals(temp.resolve("7_chat_file_a_b.txt"), ((Download) http.calls().get(1)).target());
    assertEquals(temp.resolve("7_chat_file_a_b-2.txt"), ((Download) http.calls().get(2)).target());
  }

  @Test
  void aDirectoryThatIsAFileIsInvalidInput() throws Exception {
    Path notADirectory = Files.writeString(temp.resolve("file"), "x");
    RecordingHttp http = new RecordingHttp().respond(RECORDINGS);

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> new DownloadRecordings().execute(context(http, notADirectory, "{\"meetingId\":85746065432}")));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals("cannot create the directory " + notADirectory, e.getMessage());
  }
}
