package dev.patchbay.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 16, item 13: a workflow of {@code serve --workflows FOLDER} chosen, its inputs filled in a form generated
 * from their declared types, run, followed to its end on its run page, and a failed run resumed from there.
 */
class WorkflowBrowserTest extends BrowserTest {

  private static final String WORKFLOW = """
      name: schedule and read back
      description: Creates a meeting for the connected user.
      inputs:
        topic: {type: string, description: "What the meeting is about"}
        minutes: {type: integer, default: 30}
        day: {type: date, required: false}
        recorded: {type: boolean, default: false}
        options: {type: object, required: false}
      steps:
        - id: me
          activity: zoom/users.getCurrent
          input: {}
        - id: create
          activity: zoom/meetings.create
          input:
            topic: "${inputs.topic}"
            type: 2
            duration: "${inputs.minutes}"
      outputs:
        topic: "${steps.create.output.topic}"
        joinUrl: "${steps.create.output.join_url}"
      """;

  private Path folder;

  @Override
  protected ServerOptions options() {
    try {
      folder = Files.createTempDirectory("patchbay-workflows-");
      Files.writeString(folder.resolve("schedule.yaml"), WORKFLOW);
      Files.writeString(folder.resolve("broken.yaml"), "steps: [oops\n");
      Files.writeString(folder.resolve("notes.txt"), "not a workflow");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return super.options().withWorkflows(folder);
  }

  @BeforeAll
  void signedIn() {
    signIn();
  }

  @AfterAll
  void removeFolder() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  private void openForm() {
    browser.open("/console/connectors");
    browser.follow("Workflows");
    browser.waitForHeading("Workflows");
    WebElement table = browser.visible(By.tagName("table"));
    assertTrue(table.getText().contains("broken.yaml"), "a file that cannot be read is listed with why");
    assertTrue(!table.getText().contains("notes.txt"), table.getText());
    browser.follow("schedule and read back");
    browser.waitForHeading("schedule and read back");
  }

  @Test
  void startsAWorkflowFromAFormOfItsDeclaredInputsAndFollowsItToItsEnd() {
    openForm();
    assertEquals("date", browser.visible(By.name("in.day")).getDomAttribute("type"));
    assertEquals("select", browser.visible(By.name("in.recorded")).getTagName());
    assertEquals("textarea", browser.visible(By.name("in.options")).getTagName());
    assertTrue(browser.text(By.xpath("//label[@for='in.topic']")).startsWith("topic * string"),
        browser.text(By.xpath("//label[@for='in.topic']")));
    assertEquals("(the sandbox's: " + server.sandboxConnection() + ")", browser.chosen("connection.zoom"));

    browser.type("in.topic", "From the console");
    browser.type("in.minutes", "45");
    browser.submit(By.id("run"));

    assertTrue(browser.path().startsWith("/console/runs/"), browser.path());
    browser.waitForText(By.cssSelector("main > p"), "SUCCEEDED");
    assertEquals("SUCCEEDED", browser.text(By.xpath("//tr[td[1]='create']/td[3]")));
    String outputs = browser.text(By.xpath("//h2[.='Outputs']/following-sibling::pre[1]"));
    assertTrue(outputs.contains("From the console"), outputs);
    // Issue 16, item 14: the join link as it is, for the one who started the run; the record keeps it redacted.
    assertTrue(outputs.matches("(?s).*\"joinUrl\" : \"https?://[^\"]+\\?pwd=[A-Za-z0-9._-]+\".*"), outputs);
    // Issue 16, item 20: times to the second, as the CLI shows them.
    assertTrue(browser.text(By.cssSelector("main > p")).matches("schedule and read back: SUCCEEDED, started "
        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, ended \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
        browser.text(By.cssSelector("main > p")));
    assertTrue(browser.text(By.xpath("//tr[td[1]='create']/td[4]")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
        browser.text(By.xpath("//tr[td[1]='create']/td[4]")));
    assertTrue(browser.all(By.id("resume")).isEmpty(), "a run that succeeded has nothing to resume");
  }

  @Test
  void listsEveryProblemOfTheInputsAtOnceAndRunsNothing() {
    openForm();
    browser.type("in.minutes", "soon");
    browser.type("in.options", "[1]");
    browser.submit(By.id("run"));

    browser.waitForHeading("schedule and read back");
    String problems = browser.text(By.id("problems"));
    assertTrue(problems.startsWith("Nothing ran: 3 problems"), problems);
    assertTrue(problems.contains("topic") && problems.contains("minutes") && problems.contains("options"), problems);
    assertEquals("soon", browser.value("in.minutes"), "kept for correcting");
  }

  @Test
  void resumesAFailedRunFromItsPage() {
    server.control("{\"serverErrors\":{\"count\":1,\"status\":500,\"pathPrefix\":\"/v2/users/me/meetings\"}}");
    openForm();
    browser.type("in.topic", "Resume me");
    browser.submit(By.id("run"));
    browser.waitForText(By.cssSelector("main > p"), "FAILED");
    assertEquals("FAILED", browser.text(By.xpath("//tr[td[1]='create']/td[3]")));
    assertTrue(browser.text(By.id("run-error")).startsWith("UPSTREAM_ERROR"), browser.text(By.id("run-error")));

    browser.submit(By.id("resume"));

    browser.waitForText(By.cssSelector("main > p"), "SUCCEEDED");
    assertEquals("SUCCEEDED", browser.text(By.xpath("//tr[td[1]='me']/td[3]")));
    assertTrue(browser.text(By.xpath("//h2[.='Outputs']/following-sibling::pre[1]")).contains("Resume me"));
  }
}
