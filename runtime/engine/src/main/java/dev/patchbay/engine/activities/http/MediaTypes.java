package dev.patchbay.engine.activities.http;

import java.util.Locale;
import okhttp3.MediaType;

/** What an answer's content type says about where it came from. */
final class MediaTypes {

  private MediaTypes() {}

  /** An HTML page: a person-facing page (login, error, proxy), never what an API or a file download returns. */
  static boolean isHtml(MediaType type) {
    return type != null && "html".equals(type.subtype().toLowerCase(Locale.ROOT));
  }

  /** "text/plain", or "none". */
  static String name(MediaType type) {
    return type == null ? "none" : type.type() + "/" + type.subtype();
  }
}
