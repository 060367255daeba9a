package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.testing.Fuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Query strings a provider's redirect back could carry, malformed on purpose, for the fuzz tests of both receivers of
 * that redirect: the CLI's loopback one and the server's callback page (RELIABILITY R27). They live together because
 * the server module is the one whose tests see both.
 *
 * <p>Generated queries never hold the sign-in's state as a parameter value, only near misses of it: whatever else
 * they hold, no receiver may accept them. Requests go over a plain socket, because the malformed queries are not
 * URIs an HTTP client would send.
 */
final class CallbackQueries {

  /** The build's fixed seed, or {@code -Dpatchbay.fuzz.seed}: a number to replay a failure, {@code random}. */
  final long seed;
  final Random random;
  private final String state;

  private static final List<String> KEYS = List.of("state", "code", "error", "error_description", "iss", "STATE",
      "state ", "state[]", "%73tate", "st%61te", "c%6fde", "", "%", "%zz", "&", "=", "a");
  private static final List<String> ODD = List.of("", "%", "%%", "%2", "%zz", "%g0", "%u0041", "%00", "%C0%80",
      "%FF", "%ED%A0%80", "%E2%82", "+", "++", "%2B", "%26", "%3D", "%23", "<script>alert(1)</script>",
      "%3Cscript%3E", "\u00e9", "\u202e", "\ud83d\ude00", "\u0660", "\\", "'", "\"", "|", "^", "{", "}", "`", "~",
      "..%2F..%2F", "//evil.example", "null", "undefined", "access_denied");

  CallbackQueries(String state) {
    this.seed = Fuzz.seed(System.getProperty("patchbay.fuzz.seed"));
    this.random = new Random(seed);
    this.state = state;
  }

  /** How many cases: {@code usual}, or more with {@code -Dpatchbay.fuzz.cases} for a longer local run. */
  static int cases(int usual) {
    return Integer.getInteger("patchbay.fuzz.cases", usual);
  }

  String where(int index, String query) {
    String shown = query.length() > 300 ? query.substring(0, 300) + "...(" + query.length() + " chars)" : query;
    return "case " + index + " of seed " + seed + " (replay with -Dpatchbay.fuzz.seed=" + seed + "): ?" + shown;
  }

  /** A malformed query: repeated keys, missing '=', bad percent-encoding, long values, unicode, or nothing. */
  String next() {
    StringBuilder query = new StringBuilder();
    int pairs = random.nextInt(8);
    for (int i = 0; i < pairs; i++) {
      if (i > 0 || random.nextInt(8) == 0) {
        query.append(pick(List.of("&", "&", "&", "&&", ";", "&=&")));
      }
      String key = pick(KEYS);
      switch (random.nextInt(6)) {
        case 0 -> query.append(key);
        case 1 -> query.append('=').append(value());
        case 2 -> query.append(key).append("==").append(value());
        case 3 -> query.append(key).append('=').append(value()).append('=').append(value());
        default -> query.append(key).append('=').append(value());
      }
    }
    if (random.nextInt(10) == 0) {
      query.append(pick(List.of("&", "=", "%", "#fragment", "?again")));
    }
    return query.toString();
  }

  private String value() {
    return switch (random.nextInt(8)) {
      case 0 -> nearMiss();
      case 1 -> pick(ODD);
      case 2 -> pick(ODD) + nearMiss() + pick(ODD);
      case 3 -> {
        // Long values: well past any real code or state, up to what a browser sends in a URL.
        String unit = pick(List.of("a", "%41", "\u00e9", "%", "x%zz"));
        yield unit.repeat(1 + random.nextInt(4_000 / unit.length()));
      }
      case 4 -> {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(20); n > 0; n--) {
          text.appendCodePoint(random.nextBoolean() ? 0x21 + random.nextInt(0x5e) : 0xa0 + random.nextInt(0x2000));
        }
        yield text.toString();
      }
      default -> Long.toString(random.nextLong(), 36);
    };
  }

  /** A value close to the state that is not it, however it is decoded. */
  String nearMiss() {
    return switch (random.nextInt(8)) {
      case 0 -> state.substring(0, random.nextInt(state.length()));
      case 1 -> state + pick(List.of("x", "%", "%zz", "%20", "+", "%E2%82", "\u00e9"));
      case 2 -> pick(List.of("x", "%", "+", "%20", "%00")) + state;
      case 3 -> state.toUpperCase().equals(state) ? state.toLowerCase() + "!" : state.toUpperCase();
      case 4 -> {
        char[] chars = state.toCharArray();
        int at = random.nextInt(chars.length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        yield new String(chars);
      }
      case 5 -> state.substring(1);
      case 6 -> state + state;
      default -> "";
    };
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /**
   * The query strings of the regression corpus (test resources fuzz/callback-queries.txt), one a line, with
   * {@code {state}} replaced by the sign-in's state.
   */
  static List<String> corpus(String state) {
    try (InputStream in = CallbackQueries.class.getResourceAsStream("/fuzz/callback-queries.txt")) {
      List<String> queries = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (!line.startsWith("#")) {
          queries.add(line.replace("{state}", state));
        }
      }
      return queries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer as read off the socket. */
  record Answer(int status, String head, String body) {}

  /** Sends a GET of {@code pathAndQuery} as its raw bytes (UTF-8), with a Cookie header when one is given. */
  static Answer get(int port, String pathAndQuery, String cookie) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
          + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || end < 0) {
        return new Answer(-1, text, "");
      }
      return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
    } catch (IOException e) {
      return new Answer(-1, e.toString(), "");
    }
  }

  /** What every answer to a malformed callback must be: a refusal page, without internals or the input's markup. */
  static void assertRefusedCleanly(Answer answer, String where) {
    assertNotNull(answer, where);
    assertTrue(answer.status() >= 400 && answer.status() < 500,
        where + " -> " + (answer.status() < 0 ? "no HTTP answer: " + answer.head() : answer.head()));
    // The JDK's HTTP server refuses a request line that is no URI itself, with a page naming URISyntaxException: the
    // name of a class, not a trace or a message, and the only way in which an exception shows.
    for (String leak : List.of("Exception:", "Error:", "\tat ", ".java:", "Caused by", "<script>")) {
      assertFalse(answer.body().contains(leak), where + " -> the page shows '" + leak + "': " + answer.body());
    }
  }
}
