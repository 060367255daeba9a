package dev.patchbay.engine.definitions;

import dev.patchbay.api.ErrorCode;

/**
 * How one provider error becomes a Patchbay error.
 *
 * @param httpStatus the status it must come with, or null for any
 * @param messagePattern a regular expression the provider's message must contain a match for, or null
 */
public record ErrorMapping(
    String providerCode, Integer httpStatus, String messagePattern, ErrorCode code, String remediation) {

  /** Whether a provider error is this entry's: same code, the entry's status if it names one, its pattern if any. */
  public boolean matches(String code, int status, String message) {
    if (!providerCode.equals(code) || (httpStatus != null && httpStatus != status)) {
      return false;
    }
    return messagePattern == null
        || (message != null && java.util.regex.Pattern.compile(messagePattern).matcher(message).find());
  }
}
