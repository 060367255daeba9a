package dev.patchbay.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.sandbox.SandboxSession;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * "Connect to Zoom" in Chromium against the sandbox, through its consent page: each auth type, a pre-approval
 * refusal, and fixing a connection that a newer authorization of the same user and app superseded.
 */
class ConnectBrowserTest extends BrowserTest {

  private static final String GRACE = "pbxGraceHopper00000002";

  @BeforeAll
  void signedIn() {
    signIn();
  }

  @BeforeEach
  void consentPageAsGrace() {
    server.control("{\"autoApprove\": false, \"adminPreApprovalRequired\": false, \"signedInUser\": \"" + GRACE
        + "\"}");
  }

  @AfterEach
  void approveByItselfAgain() {
    server.control("{\"autoApprove\": true, \"adminPreApprovalRequired\": false}");
  }

  private Map<String, String> sandboxFields(String authType) throws Exception {
    return SandboxSession.fieldsOf(server.sandbox().running(), authType);
  }

  /** From the Zoom page to the filled-in connect form of one auth type, then Connect. */
  private void connect(String authType, String name, Map<String, String> fields) {
    browser.open("/console/connectors/zoom");
    browser.submit(By.id("connect-link"));
    browser.waitForHeading("Connect to Zoom");
    browser.submit(By.id("auth-" + authType));
    browser.type("name", name);
    fields.forEach((field, value) -> browser.type("field." + field, value));
    browser.submit(By.id("connect"));
  }

  /** On the sandbox's consent page: checks who signs in, and allows. */
  private void allowAsGrace() {
    browser.waitForHeading("Zoom sandbox");
    assertTrue(browser.text(By.tagName("body")).contains("would like to access your Zoom account"));
    assertEquals("Grace Hopper (grace@sandbox.patchbay.dev)", browser.chosen("user_id"));
    browser.submit(By.xpath("//button[@value='allow']"));
  }

  private String statusOf(String name) {
    browser.open("/console/connections");
    return browser.visible(By.xpath("//tr[@id='connection-" + name + "']/td[4]")).getText();
  }

  @Test
  void connectsWithTheOperatorsAppThroughTheConsentPage() {
    connect("oauth", "grace-work", Map.of());
    allowAsGrace();

    browser.waitForHeading("Your connection has been added");
    assertEquals("grace-work", browser.text(By.id("connection-name")));
    assertTrue(browser.text(By.cssSelector("p.ok")).contains("acts as grace@sandbox.patchbay.dev"));
    browser.follow("Go to your connections");
    WebElement row = browser.visible(By.id("connection-grace-work"));
    assertTrue(row.getText().contains("ACTIVE") && row.getText().contains("meeting:write"), row.getText());
  }

  @Test
  void connectsWithTheUsersOwnAppItsSecretMasked() throws Exception {
    Map<String, String> byo = sandboxFields("byo-oauth");
    browser.open("/console/connections/new?connector=zoom&authType=byo-oauth");
    assertEquals("password", browser.visible(By.name("field.clientSecret")).getAttribute("type"));

    connect("byo-oauth", "grace-own-app", Map.of("clientId", byo.get("clientId"), "clientSecret",
        byo.get("clientSecret")));
    allowAsGrace();

    browser.waitForHeading("Your connection has been added");
    assertEquals("ACTIVE", statusOf("grace-own-app"));
  }

  @Test
  void connectsServerToServerAtOnce() throws Exception {
    Map<String, String> s2s = sandboxFields("server-to-server");

    connect("server-to-server", "account-app", Map.of("accountId", s2s.get("accountId"), "clientId",
        s2s.get("clientId"), "clientSecret", s2s.get("clientSecret")));

    browser.waitForHeading("Connections");
    assertEquals("Your connection has been added: account-app.", browser.text(By.id("added")));
    assertEquals("ACTIVE", statusOf("account-app"));
  }

  @Test
  void explainsARefusalForAnAppTheAdminHasNotPreApproved() {
    server.control("{\"adminPreApprovalRequired\": true}");

    connect("oauth", "not-approved", Map.of());

    browser.waitForHeading("Could not connect");
    String error = browser.error();
    assertTrue(error.startsWith("PERMISSION_DENIED: could not connect: the provider refused the authorization: "
        + "access_denied"), error);
    assertTrue(error.contains("pre-approve"), error);
    browser.open("/console/connections");
    assertTrue(browser.all(By.id("connection-not-approved")).isEmpty());
  }

  @Test
  void explainsADeclinedConsent() {
    connect("oauth", "declined", Map.of());
    browser.waitForHeading("Zoom sandbox");

    browser.submit(By.xpath("//button[@value='deny']"));

    browser.waitForHeading("Could not connect");
    assertTrue(browser.error().startsWith("PERMISSION_DENIED: could not connect: the provider refused the "
        + "authorization: access_denied."), browser.error());
    browser.open("/console/connections");
    assertTrue(browser.all(By.id("connection-declined")).isEmpty());
  }

  @Test
  void fixesAConnectionThatANewerAuthorizationSuperseded() {
    connect("oauth", "first", Map.of());
    allowAsGrace();
    browser.waitForHeading("Your connection has been added");
    connect("oauth", "second", Map.of());
    allowAsGrace();
    browser.waitForHeading("Your connection has been added");
    // Issue 16, item 9: who signed in is known only now; the page says plainly what Zoom revoked.
    assertTrue(browser.text(By.id("superseded")).startsWith("You signed in as the same user with the same app as "
        + "connection 'first', so zoom revoked that connection's authorization"), browser.text(By.id("superseded")));

    browser.open("/console/connections");
    String first = browser.visible(By.xpath("//tr[@id='connection-first']/td[4]")).getText();
    assertTrue(first.startsWith("NEEDS_REAUTH") && first.contains("superseded: connection 'second'"), first);
    browser.submit(By.id("fix-first"));
    allowAsGrace();

    browser.waitForHeading("Your connection works again");
    assertEquals("ACTIVE", statusOf("first"));
    assertTrue(statusOf("second").startsWith("NEEDS_REAUTH"), "the fix in turn superseded the newer one");
  }
}
