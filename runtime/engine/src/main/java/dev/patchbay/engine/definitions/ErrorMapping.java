package dev.patchbay.engine.definitions;

import dev.patchbay.api.ErrorCode;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * How one provider error becomes a Patchbay error: a rule whose every stated condition must hold.
 *
 * @param providerCode the provider's code it must carry, or null for any
 * @param httpStatus the status it must come with, or null for any
 * @param messagePattern a regular expression the provider's message must contain a match for, or null
 * @param header a response header and the value it must have, or null
 */
public record ErrorMapping(
    String providerCode, Integer httpStatus, String messagePattern, Header header, ErrorCode code,
    String remediation) {

  /** A response header condition; the name is matched case-insensitively. */
  public record Header(String name, String value) {}

  /** Whether a provider error is this rule's; a header condition never holds without headers. */
  public boolean matches(String code, int status, String message) {
    return matches(code, status, message, name -> null);
  }

  /**
   * Whether a provider error is this rule's.
   *
   * @param headers a response header's value by name, null when absent
   */
  public boolean matches(String code, int status, String message, UnaryOperator<String> headers) {
    if (providerCode != null && !providerCode.equals(code) || httpStatus != null && httpStatus != status) {
      return false;
    }
    if (header != null && !header.value().equals(headers.apply(header.name()))) {
      return false;
    }
    return messagePattern == null || message != null && Pattern.compile(messagePattern).matcher(message).find();
  }
}
