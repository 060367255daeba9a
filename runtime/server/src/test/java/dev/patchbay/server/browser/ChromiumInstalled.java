package dev.patchbay.server.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class, before its server starts, where Chromium or chromedriver is missing, naming the
 * packages to install. A condition rather than an assumption in {@code @BeforeAll}: Surefire reports a class whose
 * {@code @BeforeAll} was aborted as zero tests run, without the reason; a disabled class is reported as skipped with it.
 */
final class ChromiumInstalled implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = Chromium.missing();
    return missing == null ? ConditionEvaluationResult.enabled("Chromium and chromedriver are installed")
        : ConditionEvaluationResult.disabled(missing);
  }
}
