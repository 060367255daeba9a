package dev.patchbay.engine.workflows.expressions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlException;

/** Reads JEXL's exceptions, which nest (a template failure wraps an expression failure) and prefix their location. */
final class JexlFailures {

  /** JEXL's location prefix ("expression@1:3 "), which names JEXL's bookkeeping rather than the workflow. */
  private static final Pattern LOCATION = Pattern.compile("^\\S*@\\d+:\\d+(?:!\\S*)?\\s+(?:JEXL error : )?");
  private static final Pattern NULL_OPERAND = Pattern.compile("^(\\S+) error caused by null operand$");
  private static final Pattern OPERATOR = Pattern.compile("^(\\S+) error$");

  private JexlFailures() {}

  /** The innermost JEXL exception in the cause chain: the one that says what went wrong. */
  static JexlException innermost(Throwable failure) {
    JexlException found = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JexlException jexl) {
        found = jexl;
      }
    }
    return found;
  }

  /** What went wrong, in words, without JEXL's location prefix. */
  static String detail(JexlException failure) {
    String message = LOCATION.matcher(String.valueOf(failure.getMessage())).replaceFirst("");
    Matcher nullOperand = NULL_OPERAND.matcher(message);
    if (nullOperand.matches()) {
      return "'" + nullOperand.group(1) + "' got a null value";
    }
    Matcher operator = OPERATOR.matcher(message);
    if (operator.matches()) {
      return "'" + operator.group(1) + "' cannot be applied to these values";
    }
    return message;
  }
}
