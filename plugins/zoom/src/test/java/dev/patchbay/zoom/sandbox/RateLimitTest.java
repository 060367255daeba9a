package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-second limits per category with Zoom's headers, and the daily meeting create/update cap per host. */
class RateLimitTest {

  private SandboxFixture zoom;
  private String token;

  @BeforeEach
  void start() throws Exception {
    zoom = SandboxFixture.start();
    token = zoom.accessToken();
  }

  @AfterEach
  void stop() {
    zoom.close();
  }

  private static String header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void everyApiAnswerCarriesItsCategorysCounters() {
    zoom.control().rateLimit(RateLimitCategory.LIGHT, 30);
    zoom.control().rateLimit(RateLimitCategory.MEDIUM, 20);

    HttpResponse<String> light = zoom.get("/v2/users/me", token);
    HttpResponse<String> medium = zoom.get("/v2/users/me/meetings", token);
    HttpResponse<String> notFound = zoom.get("/v2/meetings/1", token);

    assertEquals("Light", header(light, "X-RateLimit-Category"));
    assertEquals("QPS", header(light, "X-RateLimit-Type"));
    assertEquals("30", header(light, "X-RateLimit-Limit"));
    assertEquals("29", header(light, "X-RateLimit-Remaining"));
    assertEquals("Medium", header(medium, "X-RateLimit-Category"));
    assertEquals("19", header(medium, "X-RateLimit-Remaining"));
    assertEquals("28", header(notFound, "X-RateLimit-Remaining"), "errors after the count carry it too");
  }

  @Test
  void overThePerSecondLimitIs429UntilTheNextSecond() {
    zoom.control().rateLimit(RateLimitCategory.LIGHT, 2);
    assertEquals(200, zoom.get("/v2/users/me", token).statusCode());
    assertEquals(200, zoom.get("/v2/meetings/81000000002", token).statusCode());

    HttpResponse<String> limited = zoom.get("/v2/users/me", token);

    assertEquals(429, limited.statusCode());
    assertEquals("{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API. "
        + "Try again later.\"}", limited.body());
    assertEquals("1", header(limited, "Retry-After"));
    assertEquals("QPS", header(limited, "X-RateLimit-Type"));
    assertEquals("Light", header(limited, "X-RateLimit-Category"));
    assertEquals("2", header(limited, "X-RateLimit-Limit"));
    assertEquals("0", header(limited, "X-RateLimit-Remaining"));
    assertEquals(200, zoom.get("/v2/users/me/meetings", token).statusCode(), "Medium counts apart from Light");
    zoom.clock.advance(Duration.ofSeconds(1));
    assertEquals(200, zoom.get("/v2/users/me", token).statusCode());
  }

  @Test
  void aHostGets100MeetingCreatesAndUpdatesPerUtcDay() {
    for (int i = 0; i < 99; i++) {
      assertEquals(201, zoom.send("POST", "/v2/users/me/meetings", token, "{}").statusCode());
    }
    assertEquals(204, zoom.send("PATCH", "/v2/meetings/81000000002", token, "{\"topic\":\"x\"}").statusCode());

    HttpResponse<String> limited = zoom.send("POST", "/v2/users/me/meetings", token, "{}");

    assertEquals(429, limited.statusCode());
    assertEquals("{\"code\":429,\"message\":\"You have exceeded the daily rate limit (100) of Meeting Create/Update "
        + "API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.\"}",
        limited.body());
    assertEquals("Daily-limit", header(limited, "X-RateLimit-Type"));
    assertEquals("2026-03-11T00:00:00Z", header(limited, "Retry-After"));
    assertEquals("100", header(limited, "X-RateLimit-Limit"));
    assertEquals("0", header(limited, "X-RateLimit-Remaining"));
    assertEquals(429, zoom.send("PATCH", "/v2/meetings/81000000002", token, "{}").statusCode());
    assertEquals(200, zoom.get("/v2/meetings/81000000002", token).statusCode(), "reads are not capped");
  }

  @Test
  void theDailyCapIsPerHostAndResetsAtMidnightUtc() {
    zoom.control().dailyMeetingWriteLimit(1);
    assertEquals(201, zoom.send("POST", "/v2/users/me/meetings", token, "{}").statusCode());
    assertEquals(429, zoom.send("POST", "/v2/users/me/meetings", token, "{}").statusCode());
    String admin = zoom.serverToServerToken();

    assertEquals(201, zoom.send("POST", "/v2/users/" + SandboxFixture.GRACE + "/meetings", admin, "{}").statusCode());

    zoom.clock.set(Instant.parse("2026-03-11T00:00:00Z"));
    token = zoom.accessToken();
    HttpResponse<String> nextDay = zoom.send("POST", "/v2/users/me/meetings", token, "{}");
    assertEquals(201, nextDay.statusCode(), nextDay::body);
    assertEquals(429, json(zoom.send("POST", "/v2/users/me/meetings", token, "{}")).path("code").asInt());
  }
}
