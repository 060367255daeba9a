package dev.patchbay.engine.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Error rules of a definition that can never match, as warnings: a rule after an earlier one whose every condition
 * it also states (the earlier one always matches first), a rule for a success status when the provider's errors are
 * not read from successful answers (no {@code okPointer}), and a rule with a provider code or a message pattern
 * that nothing reads: no pointer of the error format reads a code (a message) from answers of its status, and no
 * OAuth token endpoint, whose errors carry both, is declared.
 */
final class ErrorRuleWarnings {

  private ErrorRuleWarnings() {}

  /** One line per rule that can never match, naming it by JSON pointer. */
  static List<String> of(ConnectorDefinition definition) {
    List<String> warnings = new ArrayList<>();
    List<ErrorMapping> rules = definition.errors();
    ErrorFormat format = definition.errorFormat();
    boolean okPointer = format.okPointer() != null;
    boolean tokenEndpoint = definition.authTypes().stream().anyMatch(type -> type.tokenUrl() != null);
    for (int i = 0; i < rules.size(); i++) {
      ErrorMapping rule = rules.get(i);
      for (int earlier = 0; earlier < i; earlier++) {
        if (covers(rules.get(earlier), rule)) {
          warnings.add("/errors/" + i + ": can never match: /errors/" + earlier + " states no condition this rule "
              + "does not, so it always matches first");
          break;
        }
      }
      if (rule.httpStatus() != null && rule.httpStatus() < 400 && !okPointer) {
        warnings.add("/errors/" + i + ": can never match: an answer with status " + rule.httpStatus()
            + " is a success unless errorFormat has an okPointer");
      }
      if (!tokenEndpoint && rule.providerCode() != null && !format.readsCode(rule.httpStatus())) {
        warnings.add("/errors/" + i + ": can never match: it names providerCode '" + rule.providerCode()
            + "' but errorFormat has no codePointer" + forStatus(rule) + ", so no code is read from error answers");
      }
      if (!tokenEndpoint && rule.messagePattern() != null && !format.readsMessage(rule.httpStatus())) {
        warnings.add("/errors/" + i + ": can never match: it has a messagePattern but errorFormat has no "
            + "messagePointer" + forStatus(rule) + ", so no message is read from error answers");
      }
    }
    return warnings;
  }

  private static String forStatus(ErrorMapping rule) {
    return rule.httpStatus() == null ? "" : " for status " + rule.httpStatus();
  }

  /** Whether every answer {@code later} matches is matched by {@code earlier}. */
  private static boolean covers(ErrorMapping earlier, ErrorMapping later) {
    return within(earlier.providerCode(), later.providerCode())
        && within(earlier.httpStatus(), later.httpStatus())
        && within(earlier.messagePattern(), later.messagePattern())
        && within(earlier.header(), later.header());
  }

  private static boolean within(Object earlierCondition, Object laterCondition) {
    return earlierCondition == null || Objects.equals(earlierCondition, laterCondition);
  }
}
