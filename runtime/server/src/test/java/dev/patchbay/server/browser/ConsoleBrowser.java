package dev.patchbay.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium on the console of one server, with the steps the tests take on its pages. Every step that
 * leads to another page waits for that page to replace the current one, and every read waits for its element to be
 * visible, so the tests assert what is on the page rather than how fast it got there.
 */
public final class ConsoleBrowser implements AutoCloseable {

  /** How long a page or element may take to appear; generous for a loaded 2-core CI machine. */
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** How often a wait looks again: a page here takes milliseconds, Selenium's default half second would dominate. */
  private static final Duration POLL = Duration.ofMillis(50);

  private final String base;
  private final Path profile;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  /**
   * Waits for the old page to go. While Chromium swaps documents, chromedriver may answer a question about the old
   * page's element with a transient error ("node does not belong to the document") instead of "stale": ask again.
   */
  private final FluentWait<ChromeDriver> replaced;

  private ConsoleBrowser(String base, Path profile, ChromeDriver driver) {
    this.base = base;
    this.profile = profile;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT, POLL);
    this.replaced = new FluentWait<>(driver).withTimeout(WAIT).pollingEvery(POLL)
        .ignoring(WebDriverException.class);
  }

  /** A browser with a fresh profile on the server at {@code base} ({@code http://127.0.0.1:PORT}). */
  static ConsoleBrowser start(String base) {
    try {
      Path profile = Files.createTempDirectory("patchbay-chromium-");
      try {
        return new ConsoleBrowser(base, profile, Chromium.start(profile));
      } catch (RuntimeException e) {
        delete(profile);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The WebDriver itself, for what these steps do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  /** Loads a page of the server by its path ({@code /console/runs}). */
  public void open(String path) {
    driver.get(base + path);
  }

  /** The current page's path and query, without the server's address. */
  public String path() {
    URI uri = URI.create(driver.getCurrentUrl());
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** Signs in on the sign-in page with {@code token} and waits for the page that answers. */
  public void signIn(String token) {
    open("/console/login");
    type("token", token);
    submit(By.xpath("//main//button[normalize-space()='Sign in']"));
  }

  /** Signs out with the header's button and waits for the sign-in page. */
  public void signOut() {
    submit(By.xpath("//header//button[normalize-space()='Sign out']"));
    waitForHeading("Sign in");
  }

  /** Forgets the session as a new browser would, so the next page asks to sign in. */
  public void forgetSession() {
    driver.manage().deleteAllCookies();
  }

  /** The page's title as shown (its {@code h1}). */
  public String heading() {
    return visible(By.tagName("h1")).getText();
  }

  /** Waits until the page's {@code h1} is {@code text}: the page that a step led to has arrived. */
  public void waitForHeading(String text) {
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
  }

  /** The first element {@code by} finds, once visible. */
  public WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** The visible text of the first element {@code by} finds. */
  public String text(By by) {
    return visible(by).getText();
  }

  /** Every element {@code by} finds on the page as it is now (none is an answer, not a wait). */
  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** Waits until the element {@code by} finds shows {@code text}: a page that reloads itself has come to show it. */
  public void waitForText(By by, String text) {
    replaced.until(ignored -> driver.findElement(by).getText().contains(text));
  }

  /** The table that follows a {@code h2} section title ("Scopes", "Operations") on the page. */
  public WebElement table(String section) {
    return visible(By.xpath("//h2[normalize-space()='" + section + "']/following-sibling::table[1]"));
  }

  /** The error box (class {@code error}) on the page. */
  public String error() {
    return text(By.cssSelector(".error"));
  }

  /** Replaces the value of the form's text field or text area {@code name} ({@code in.topic}, {@code token}). */
  public void type(String name, String value) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.name(name)));
    field.clear();
    field.sendKeys(value);
  }

  /** Chooses the option shown as {@code text} in the form's drop-down {@code name}. */
  public void choose(String name, String text) {
    new Select(wait.until(ExpectedConditions.elementToBeClickable(By.name(name)))).selectByVisibleText(text);
  }

  /** The option shown as chosen in the form's drop-down {@code name}. */
  public String chosen(String name) {
    return new Select(visible(By.name(name))).getFirstSelectedOption().getText();
  }

  /** The current value of the form's field {@code name}, as the browser would submit it. */
  public String value(String name) {
    return visible(By.name(name)).getDomProperty("value");
  }

  /** Follows the link shown as {@code text} and waits for the page it leads to. */
  public void follow(String text) {
    submit(By.linkText(text));
  }

  /** Clicks what {@code by} finds (a submit button, a link) and waits until the next page has replaced this one. */
  public void submit(By by) {
    WebElement current = driver.findElement(By.tagName("html"));
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    replaced.until(ignored -> {
      try {
        current.isEnabled();
        return false;
      } catch (StaleElementReferenceException gone) {
        return true;
      }
    });
    visible(By.tagName("body"));
  }

  /** A screenshot of the page as it is. */
  byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  /** The page's HTML as the browser has it now. */
  String source() {
    return driver.getPageSource();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
