package dev.patchbay.zoom.testing;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ApiResponse;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ConnectorHttp;
import dev.patchbay.api.DownloadResult;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.PagedResult;
import dev.patchbay.api.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A {@link ConnectorHttp} that records every call and answers from a script, in order. Each scripted answer is
 * for one kind of call; a call of another kind, or one the script has no answer for, fails the test.
 */
public final class RecordingHttp implements ConnectorHttp {

  /** A recorded call. */
  public sealed interface Call permits Send, Paginate, Download {}

  /** {@link #send}: the expanded (encoded) path, the query and the body (null for none). */
  public record Send(String method, String path, Map<String, String> query, JsonNode body) implements Call {}

  /** {@link #paginate}: the first page's request and the item limit. */
  public record Paginate(String method, String path, Map<String, String> query, int maxItems) implements Call {}

  /** {@link #download}. */
  public record Download(String url, Path target, long expectedBytes, Progress progress) implements Call {}

  @FunctionalInterface
  private interface Answer {
    Object answer(Call call) throws ConnectorException;
  }

  private final List<Call> calls = new ArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();

  /** Answers the next send with 200 and this body. */
  public RecordingHttp respond(String body) {
    return respond(200, Json.json(body));
  }

  public RecordingHttp respond(int status, JsonNode body) {
    script.add(call -> {
      expect(Send.class, call);
      return new ApiResponse(status, Map.of(), body);
    });
    return this;
  }

  /** Answers the next send with 204 and no body. */
  public RecordingHttp noContent() {
    return respond(204, MissingNode.getInstance());
  }

  /** Fails the next call, of any kind, as the host would for a mapped provider error. */
  public RecordingHttp fail(ErrorCode code, String message) {
    script.add(call -> {
      throw new ConnectorException(code, message);
    });
    return this;
  }

  /** Answers the next paginate with these items (a JSON array), as one page. */
  public RecordingHttp page(String items) {
    List<JsonNode> list = new ArrayList<>();
    Json.json(items).forEach(list::add);
    script.add(call -> {
      expect(Paginate.class, call);
      return new PagedResult(list, Json.json("{}"), 1, false);
    });
    return this;
  }

  /** Answers the next download by writing this content to the target, as the host does once a download is done. */
  public RecordingHttp download(String content) {
    script.add(call -> {
      Download download = expect(Download.class, call);
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      try {
        Files.write(download.target(), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new DownloadResult(download.target(), bytes.length);
    });
    return this;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** True when every scripted answer was used. */
  public boolean scriptDone() {
    return script.isEmpty();
  }

  @Override
  public ApiResponse send(ApiRequest request) throws ConnectorException {
    return (ApiResponse) next(new Send(request.method(), request.path(), request.query(), request.body()));
  }

  @Override
  public PagedResult paginate(ApiRequest firstPage, int maxItems) throws ConnectorException {
    return (PagedResult) next(new Paginate(firstPage.method(), firstPage.path(), firstPage.query(), maxItems));
  }

  @Override
  public DownloadResult download(String url, Path target, long expectedBytes, Progress progress)
      throws ConnectorException {
    return (DownloadResult) next(new Download(url, target, expectedBytes, progress));
  }

  private Object next(Call call) throws ConnectorException {
    calls.add(call);
    Answer answer = script.poll();
    if (answer == null) {
      throw new AssertionError("unscripted call: " + call);
    }
    return answer.answer(call);
  }

  private static <T extends Call> T expect(Class<T> kind, Call call) {
    if (!kind.isInstance(call)) {
      throw new AssertionError("script expected a " + kind.getSimpleName() + " call but got " + call);
    }
    return kind.cast(call);
  }
}
