package dev.patchbay.zoom.testing;

import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ConnectorHttp;
import dev.patchbay.api.Progress;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An activity context over a scripted {@link RecordingHttp}, keeping every progress report. */
public final class TestContext implements ActivityContext {

  /** One call of {@link Progress#report}. */
  public record Report(long done, long total, String what) {}

  private final JsonNode input;
  private final RecordingHttp http;
  private final List<Report> reports = new ArrayList<>();
  private final Progress progress = (done, total, what) -> reports.add(new Report(done, total, what));

  public TestContext(JsonNode input, RecordingHttp http) {
    this.input = input;
    this.http = http;
  }

  public static TestContext of(String input, RecordingHttp http) {
    return new TestContext(Json.json(input), http);
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public ConnectorHttp http() {
    return http;
  }

  @Override
  public Progress progress() {
    return progress;
  }

  public List<Report> reports() {
    return reports;
  }
}
