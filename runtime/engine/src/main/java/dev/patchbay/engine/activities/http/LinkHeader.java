package dev.patchbay.engine.activities.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} target of {@code Link} headers (RFC 8288), as GitHub sends them. */
final class LinkHeader {

  /** One link value: {@code <target>; params}. Targets cannot contain '>' (RFC 3986 excludes it). */
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");
  private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))",
      Pattern.CASE_INSENSITIVE);

  private LinkHeader() {}

  /** The target of the first link whose relation types include "next"; null when there is none. */
  static String next(List<String> values) {
    if (values == null) {
      return null;
    }
    for (String value : values) {
      Matcher link = LINK.matcher(value);
      while (link.find()) {
        Matcher rel = REL.matcher(link.group(2));
        while (rel.find()) {
          String types = rel.group(1) != null ? rel.group(1) : rel.group(2);
          for (String type : types.trim().split("\\s+")) {
            if (type.equalsIgnoreCase("next")) {
              return link.group(1);
            }
          }
        }
      }
    }
    return null;
  }
}
