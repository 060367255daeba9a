package dev.patchbay.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.json.Json;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** The console's pages in Chromium, signed in once: the catalog, a connector, an activity's form, the runs. */
class ConsoleBrowserTest extends BrowserTest {

  @BeforeAll
  void signedIn() {
    signIn();
  }

  @Test
  void searchesTheCatalog() {
    browser.open("/console/connectors");
    browser.type("q", "zoo");
    browser.submit(By.xpath("//main//button[normalize-space()='Search']"));
    assertEquals("/console/connectors?q=zoo", browser.path());
    assertTrue(browser.visible(By.linkText("Zoom")).isDisplayed());
    assertEquals("zoo", browser.value("q"), "the search stays in its box");

    browser.type("q", "nothing-like-this");
    browser.submit(By.xpath("//main//button[normalize-space()='Search']"));
    assertEquals("No connector matches 'nothing-like-this'.", browser.text(By.xpath("//main/p[last()]")));
    assertTrue(browser.all(By.linkText("Zoom")).isEmpty());
  }

  @Test
  void theConnectorPageShowsAuthTypesScopesAndOperations() {
    browser.open("/console/connectors");
    browser.follow("Zoom");
    browser.waitForHeading("Zoom");
    assertEquals("/console/connectors/zoom", browser.path());
    String authTypes = browser.table("Auth types").getText();
    for (String authType : List.of("OAuth 2.0 authorization code oauth", "Bring your own OAuth 2.0 app byo-oauth",
        "Server-to-Server OAuth server-to-server")) {
      assertTrue(authTypes.contains(authType), authTypes);
    }
    assertTrue(authTypes.contains("(required, secret)"), "a secret field of an auth type is marked: " + authTypes);
    assertTrue(browser.table("Scopes").findElement(By.xpath(".//code[.='meeting:write']")).isDisplayed());
    WebElement operations = browser.table("Operations");
    assertTrue(operations.findElement(By.linkText("Create a meeting")).isDisplayed());
    assertTrue(operations.getText().contains("meetings.create"), operations.getText());
  }

  @Test
  void runsMeetingsCreateFromTheGeneratedForm() {
    browser.open("/console/connectors/zoom");
    browser.follow("Create a meeting");
    browser.waitForHeading("Create a meeting");
    assertEquals("/console/activities/zoom/meetings.create", browser.path());
    assertEquals(server.sandboxConnection(), browser.chosen("connection"));
    browser.type("in.topic", "Browser retro");
    browser.choose("in.type", "2");
    browser.type("in.duration", "25");
    browser.submit(By.xpath("//main//button[normalize-space()='Run']"));

    assertTrue(browser.text(By.cssSelector("p.ok")).startsWith("Done in "));
    // Issue 16, item 12: the outcome is where the user looks, above the form, and the browser is brought to it.
    assertTrue(browser.driver().getCurrentUrl().endsWith("#result"), browser.driver().getCurrentUrl());
    assertEquals("form", browser.visible(By.xpath("//section[@id='result']/following-sibling::*[1]"))
        .getTagName());
    JsonNode output = Json.MAPPER.readTree(browser.text(By.cssSelector("main pre")));
    assertEquals("Browser retro", output.path("topic").asString());
    assertEquals(25, output.path("duration").asInt());
    assertTrue(output.path("join_url").asString().startsWith("http"), output.toString());
    assertEquals("Browser retro", browser.value("in.topic"),
        "the form shows what was run");
  }

  /** Issue 16, item 12: every problem of the form at once, above it, each naming its field. */
  @Test
  void everyBadValueIsShownAtOnceAboveTheFormWithoutAStackTrace() {
    browser.open("/console/activities/zoom/meetings.create");
    browser.type("in.duration", "soon");
    browser.type("in.settings", "{oops");
    browser.submit(By.xpath("//main//button[normalize-space()='Run']"));

    assertTrue(browser.error().startsWith("INVALID_INPUT: 2 fields need fixing"), browser.error());
    List<String> problems = browser.all(By.cssSelector("#result ul.problems li")).stream().map(WebElement::getText)
        .toList();
    assertEquals(2, problems.size(), problems.toString());
    assertEquals("duration: 'soon' is not a whole number", problems.get(0));
    assertTrue(problems.get(1).startsWith("settings: not valid JSON"), problems.get(1));
    assertTrue(browser.all(By.cssSelector("p.ok")).isEmpty());
    String page = browser.text(By.tagName("body"));
    assertFalse(page.contains("Exception") || page.contains("\tat ") || page.contains("dev.patchbay."), page);
    assertEquals("soon", browser.value("in.duration"), "kept for correcting");
  }

  @Test
  void schemaViolationsAreListedOneByOne() {
    browser.open("/console/activities/zoom/meetings.create");
    browser.type("in.topic", "x".repeat(250));
    browser.type("in.duration", "-5");
    browser.submit(By.xpath("//main//button[normalize-space()='Run']"));

    List<String> problems = browser.all(By.cssSelector("#result ul.problems li")).stream().map(WebElement::getText)
        .toList();
    assertTrue(problems.size() >= 2, problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("/topic: ")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("/duration: ")), problems.toString());
  }

  @Test
  void showsTheRunsAndARunsSteps() {
    String id = runWorkflow("{\"name\":\"who am i\",\"steps\":[{\"id\":\"me\",\"activity\":\"zoom/users.getCurrent\","
        + "\"input\":{}}]}");
    browser.open("/console/connectors");
    browser.follow("Runs");
    browser.waitForHeading("Runs");
    WebElement row = browser.visible(By.xpath("//tr[td/a[.='" + id + "']]"));
    assertEquals("who am i", row.findElement(By.xpath("td[2]")).getText());
    assertEquals("SUCCEEDED", row.findElement(By.xpath("td[3]")).getText());

    browser.follow(id);
    browser.waitForHeading("Run " + id);
    assertEquals("/console/runs/" + id, browser.path());
    assertTrue(browser.text(By.cssSelector("main > p")).startsWith("who am i: SUCCEEDED, started "));
    WebElement step = browser.visible(By.xpath("//tr[td[1]='me']"));
    assertEquals("zoom/users.getCurrent", step.findElement(By.xpath("td[2]")).getText());
    assertEquals("SUCCEEDED", step.findElement(By.xpath("td[3]")).getText());
    assertEquals("1", step.findElement(By.xpath("td[6]")).getText());
    assertTrue(step.findElement(By.xpath("td[7]/pre")).getText().contains("ada@sandbox.patchbay.dev"));
  }
}
