package dev.patchbay.engine.workflows.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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

  /** What failed, as the CLI and the console name it ({@link ActivityError#family}). */
  public String family() {
    return ActivityError.family(code, configuration(), store());
  }

  /**
   * What an expression sees as {@code steps.ID.error} (and an item's {@code error}): the code, the message, the
   * family ({@link #family}) and the details, so a workflow can branch on, say, the provider's code.
   */
  public ObjectNode view() {
    ObjectNode view = JsonNodeFactory.instance.objectNode();
    view.put("code", code.name());
    view.put("message", message);
    view.put("family", family());
    view.set("details", details.deepCopy());
    return view;
  }

  /** The record of an activity's error, its details as they are. */
  public static ErrorRecord of(ActivityError error) {
    return new ErrorRecord(error.code(), error.message(), Json.MAPPER.valueToTree(error.details()));
  }
}
