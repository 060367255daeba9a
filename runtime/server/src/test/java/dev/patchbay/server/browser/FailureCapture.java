package dev.patchbay.server.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Keeps what the browser showed when a test or a set-up ({@code @BeforeAll}, {@code @BeforeEach}) failed, before
 * anything after the failure moves it on: {@code target/browser-failures/<class>.<method>.png} and {@code .html} (the
 * address first, as a comment; {@code setUp} for a {@code @BeforeAll}), so a CI failure can be read without running it
 * again. The failure itself is rethrown unchanged.
 */
final class FailureCapture implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  static final Path FOLDER = Path.of("target", "browser-failures");

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    capture(context, failure);
    throw failure;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    capture(context, failure);
    throw failure;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    capture(context, failure);
    throw failure;
  }

  private static void capture(ExtensionContext context, Throwable failure) {
    if (failure instanceof TestAbortedException) {
      return;
    }
    ConsoleBrowser browser = context.getTestInstance().filter(BrowserTest.class::isInstance)
        .map(instance -> ((BrowserTest) instance).browser).orElse(null);
    if (browser == null) {
      return;
    }
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getTestMethod()
        .map(method -> method.getName()).orElse("setUp");
    try {
      Files.createDirectories(FOLDER);
      Path screenshot = Files.write(FOLDER.resolve(name + ".png"), browser.screenshot());
      Path source = Files.writeString(FOLDER.resolve(name + ".html"), "<!-- " + browser.driver().getCurrentUrl()
          + " -->\n" + browser.source(), StandardCharsets.UTF_8);
      System.err.println("browser state at the failure of " + name + ": " + screenshot.toAbsolutePath() + ", "
          + source.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
