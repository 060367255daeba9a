package dev.patchbay.engine.workflows.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Why a step or element failed. Expressions that cannot be resolved fail with {@link ErrorCode#INVALID_INPUT}.
 *
 * @param message with secrets redacted
 * @param details what the activity's error said besides its code and message, under the keys of
 *     {@link ActivityError} ({@code providerCode}, {@code providerMessage}, {@code configuration}, {@code store},
 *     ...), redacted like the message; an empty object when there is nothing more, and then not written
 */
public record ErrorRecord(
    ErrorCode code,
    String message,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) JsonNode details) {

  public ErrorRecord {
    details = details == null || details.isNull() ? JsonNodeFactory.instance.objectNode() : details;
  }

  public ErrorRecord(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** Whether the operator's configuration failed, not the input nor the connection: the CLI's exit code 5. */
  public boolean configuration() {
    return details.path(ActivityError.CONFIGURATION).asBoolean(false);
  }

  /** Whether the store failed (connections, tokens), not the provider: the CLI's exit code 4. */
  public boolean store() {
    return details.path(ActivityError.STORE).asBoolean(false);
  }
}
