package dev.patchbay.engine.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Request URLs: a fixed path parsed once per base URL, a path with parameters every time, at most so many kept. */
class ApiUrlsTest {

  private final ApiUrls urls = new ApiUrls();

  @Test
  void aFixedPathIsParsedOncePerBaseUrl() {
    HttpUrl first = urls.of("https://api.example.test/v2", "/users/me", true);

    assertEquals("https://api.example.test/v2/users/me", first.toString());
    assertSame(first, urls.of("https://api.example.test/v2", "/users/me", true));
    assertEquals("https://other.example.test/v2/users/me",
        urls.of("https://other.example.test/v2", "/users/me", true).toString());
  }

  @Test
  void aPathWithParametersIsParsedEveryTime() {
    HttpUrl first = urls.of("https://api.example.test/v2", "/users/u%201", false);

    assertEquals("https://api.example.test/v2/users/u%201", first.toString());
    assertNotSame(first, urls.of("https://api.example.test/v2", "/users/u%201", false));
  }

  @Test
  void noUrlIsNull() {
    assertNull(urls.of("ftp://api.example.test", "/users/me", true));
  }

  @Test
  void pathsBeyondTheBoundAreParsedEveryTime() {
    for (int i = 0; i < ApiUrls.MAX_KEPT; i++) {
      urls.of("https://api.example.test", "/things/" + i, true);
    }
    HttpUrl beyond = urls.of("https://api.example.test", "/beyond", true);

    assertEquals("https://api.example.test/beyond", beyond.toString());
    assertNotSame(beyond, urls.of("https://api.example.test", "/beyond", true));
    assertSame(urls.of("https://api.example.test", "/things/0", true),
        urls.of("https://api.example.test", "/things/0", true));
  }
}
