package dev.patchbay.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in to the console with the API token and signing out, in Chromium. Each test starts signed out. */
class SignInBrowserTest extends BrowserTest {

  @BeforeEach
  void signedOut() {
    browser.forgetSession();
  }

  @Test
  void aWrongTokenIsRefusedWithTheReason() {
    browser.signIn("not-" + server.token);
    browser.waitForHeading("Sign in");
    assertEquals("That is not the API token.", browser.error());
    assertEquals("", browser.value("token"), "the refused token is not kept");
    assertTrue(browser.all(By.xpath("//header//button[normalize-space()='Sign out']")).isEmpty());
  }

  @Test
  void theTokenLeadsToTheConnectors() {
    browser.open("/console/runs");
    browser.waitForHeading("Sign in");
    assertEquals("/console/login", browser.path(), "a page of the console asks to sign in first");
    browser.signIn(server.token);
    browser.waitForHeading("Connectors");
    assertEquals("/console/connectors", browser.path());
    assertTrue(browser.visible(By.linkText("Zoom")).isDisplayed());
    assertTrue(browser.visible(By.xpath("//header//button[normalize-space()='Sign out']")).isEnabled());
  }

  @Test
  void signingOutEndsTheSession() {
    signIn();
    browser.follow("Runs");
    browser.waitForHeading("Runs");
    browser.signOut();
    assertEquals("/console/login", browser.path());
    browser.open("/console/runs");
    browser.waitForHeading("Sign in");
    assertEquals("/console/login", browser.path(), "the ended session opens no page");
  }
}
