package dev.patchbay.engine.definitions;

import java.util.Map;

/**
 * Where a provider puts the code and message of its errors (JSON pointers).
 *
 * @param detailsPointer the provider's field errors, kept in the error's details; or null
 * @param okPointer a boolean that is false in a failed answer, whatever its status; or null
 * @param byStatus pointers for one status, keyed by the status as text
 */
public record ErrorFormat(
    String codePointer, String messagePointer, String detailsPointer, String okPointer,
    Map<String, Pointers> byStatus) {

  /** The code and message pointers for answers of one status. */
  public record Pointers(String codePointer, String messagePointer) {}

  public ErrorFormat {
    byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
  }

  /** The pointers for {@code status}: its own when declared, each falling back to the general one. */
  public Pointers pointers(int status) {
    Pointers own = byStatus.get(Integer.toString(status));
    if (own == null) {
      return new Pointers(codePointer, messagePointer);
    }
    return new Pointers(own.codePointer() != null ? own.codePointer() : codePointer,
        own.messagePointer() != null ? own.messagePointer() : messagePointer);
  }
}
