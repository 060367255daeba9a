package dev.patchbay.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 16, items 6 and 8: trying the console on {@code serve --sandbox}, as the README suggests: "Connect to Zoom"
 * just works, again and again (each sign-in is a new sandbox user, so none supersedes the server's own sandbox
 * connection, which the README's curl then still uses), and the bring-your-own-app form names one redirect URL.
 */
class SandboxConnectBrowserTest extends BrowserTest {

  @BeforeAll
  void signedIn() {
    signIn();
  }

  /** "Connect to Zoom" with the operator's app, approved by the sandbox itself; answers whom it acts as. */
  private String connectWithTheOperatorsApp(String name) {
    browser.open("/console/connectors/zoom");
    browser.submit(By.id("connect-link"));
    browser.waitForHeading("Connect to Zoom");
    assertTrue(browser.text(By.id("sandbox-note")).contains("each sign-in is a new sandbox user"),
        browser.text(By.id("sandbox-note")));
    browser.submit(By.id("auth-oauth"));
    assertTrue(browser.all(By.id("replace")).isEmpty(), "nothing to tick: who signs in is known afterwards");
    browser.type("name", name);
    browser.submit(By.id("connect"));
    browser.waitForHeading("Your connection has been added");
    assertTrue(browser.all(By.id("superseded")).isEmpty(), "nothing was revoked");
    String outcome = browser.text(By.cssSelector("p.ok"));
    Matcher actsAs = Pattern.compile("acts as (\\S+@sandbox\\.patchbay\\.dev)").matcher(outcome);
    assertTrue(actsAs.find(), outcome);
    return actsAs.group(1);
  }

  @Test
  void connectingAgainAndAgainSupersedesNothingAndTheServersConnectionStillWorks() throws Exception {
    String first = connectWithTheOperatorsApp("try-1");
    String second = connectWithTheOperatorsApp("try-2");

    assertNotEquals(first, second);
    browser.open("/console/connections");
    for (String name : List.of("try-1", "try-2", server.sandboxConnection())) {
      assertTrue(browser.text(By.id("connection-" + name)).contains("ACTIVE"), name);
    }
    // The README's curl: an activity naming no connection runs on the server's sandbox connection.
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
        + "/api/activities/zoom/meetings.create")).header("Authorization", "Bearer " + server.token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{\"topic\":\"Standup\"}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, created.statusCode(), created.body());
  }

  @Test
  void theBringYourOwnAppFormNamesOneRedirectUrlTheServersCallback() {
    browser.open("/console/connections/new?connector=zoom&authType=byo-oauth");
    browser.waitForHeading("Connect to Zoom");
    String callback = baseUrl() + "/oauth/callback/zoom";
    assertEquals(callback, browser.text(By.id("redirect-url")));

    List<String> named = new ArrayList<>();
    Matcher urls = Pattern.compile("https?://127\\.0\\.0\\.1[^\\s)<,;]*").matcher(browser.text(By.tagName("main")));
    while (urls.find()) {
      named.add(urls.group().replaceAll("[.]$", ""));
    }
    assertFalse(named.isEmpty());
    assertTrue(named.stream().allMatch(callback::equals), "every redirect URL on the page is " + callback + ": "
        + named);
  }

  @Test
  void fieldsLeftEmptyConnectWithTheSandboxsOwnApp() {
    browser.open("/console/connections/new?connector=zoom&authType=server-to-server");
    browser.type("name", "account-defaults");
    browser.submit(By.id("connect"));

    browser.waitForHeading("Connections");
    assertEquals("Your connection has been added: account-defaults.", browser.text(By.id("added")));
  }
}
