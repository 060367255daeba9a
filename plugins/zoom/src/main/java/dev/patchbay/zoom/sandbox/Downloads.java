package dev.patchbay.zoom.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recording downloads as Zoom serves them: the {@code download_url} ({@code /rec/download/{fileId}}) answers with a
 * redirect to the file's storage location ({@code /rec/files/{fileId}}), which wants the bearer token in the
 * Authorization header (a client that drops the header on the redirect gets a 401) and serves byte ranges, so an
 * interrupted download can resume.
 */
final class Downloads {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

  private final Services services;

  Downloads(Services services) {
    this.services = services;
  }

  Response handle(Request request, List<String> segments) {
    if (segments.size() != 3 || !"rec".equals(segments.get(0))) {
      return null;
    }
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      throw ApiError.zoom(405, 405, "Method not allowed.");
    }
    String fileId = segments.get(2);
    switch (segments.get(1)) {
      case "download":
        find(fileId);
        return Response.redirect(services.origin() + "/rec/files/" + fileId);
      case "files":
        return file(request, fileId);
      default:
        return null;
    }
  }

  private Response file(Request request, String fileId) {
    Caller caller = services.grants().authenticate(ApiRouter.bearerToken(request));
    Recording recording;
    RecordingFile file;
    synchronized (services.state()) {
      recording = find(fileId);
      file = recording.visibleFile(fileId).orElseThrow();
      try {
        caller.requireAccessTo(services.state().user(recording.hostId()), ZoomEndpoint.GET_RECORDINGS.scopes());
      } catch (ApiError e) {
        // What Zoom does too: a 200 page instead of the file, which only a client checking Content-Type notices.
        return Response.html(200, "<!DOCTYPE html><html><head><title>Zoom</title></head><body>"
            + "<p>Only the host can download this recording.</p></body></html>");
      }
    }
    long size = file.size();
    long start = 0;
    long end = size - 1;
    int status = 200;
    String range = request.header("Range");
    if (range != null) {
      Matcher matcher = RANGE.matcher(range.strip());
      if (matcher.matches()) {
        long first = Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? size - 1 : Long.parseLong(matcher.group(2));
        if (first >= size) {
          return Response.empty(416).header("Content-Range", "bytes */" + size);
        }
        if (last >= first) {
          start = first;
          end = Math.min(last, size - 1);
          status = 206;
        }
      }
    }
    long from = start;
    long to = end + 1;
    if (status == 206) {
      services.requestLog().rangedRequest(request.path());
    }
    long bytesPerSecond = services.faults().downloadBytesPerSecond();
    Response response = Response.stream(status, file.contentType(), to - from,
            out -> RecordingContent.write(file, from, to, bytesPerSecond == 0 ? out
                : new ThrottledOutputStream(out, bytesPerSecond)))
        .header("Accept-Ranges", "bytes")
        .header("Content-Disposition",
            "attachment; filename=\"" + fileId + "." + file.extension().toLowerCase(Locale.ROOT) + "\"");
    if (status == 206) {
      response.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    return response;
  }

  /** The recording holding a downloadable file (not in the trash), or a 404. */
  private Recording find(String fileId) {
    synchronized (services.state()) {
      return services.state().recordings().stream()
          .filter(recording -> recording.visibleFile(fileId).isPresent())
          .findFirst()
          .orElseThrow(() -> ApiError.zoom(404, 3301, "There is no recording for this meeting."));
    }
  }
}
