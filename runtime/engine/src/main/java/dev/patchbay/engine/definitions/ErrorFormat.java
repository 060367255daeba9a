package dev.patchbay.engine.definitions;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Where a provider puts the code and message of its errors (JSON pointers; of a list, the first present wins). A
 * definition without one gets {@link #NONE}: nothing is read from API error bodies, since no shape is common to
 * every provider, and guessing one (Zoom's {@code code}/{@code message}) silently misreads the others.
 *
 * @param codePointers where the provider's code is, tried in order; empty when it gives none
 * @param messagePointers where its message is, tried in order; empty when it gives none
 * @param detailsPointer the provider's field errors, kept in the error's details; or null
 * @param okPointer a boolean that is false in a failed answer, whatever its status; or null
 * @param byStatus pointers for one status, keyed by the status as text
 */
public record ErrorFormat(
    @JsonProperty("codePointer") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    List<String> codePointers,
    @JsonProperty("messagePointer") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    List<String> messagePointers,
    String detailsPointer, String okPointer,
    Map<String, Pointers> byStatus) {

  /** A definition that declares no error format: no code, message or details are read from error bodies. */
  public static final ErrorFormat NONE = new ErrorFormat(null, null, null, null, null);

  /** The code and message pointers for answers of one status, each tried in order. */
  public record Pointers(
      @JsonProperty("codePointer") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      List<String> codePointers,
      @JsonProperty("messagePointer") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      List<String> messagePointers) {

    public Pointers {
      codePointers = codePointers == null ? List.of() : List.copyOf(codePointers);
      messagePointers = messagePointers == null ? List.of() : List.copyOf(messagePointers);
    }
  }

  public ErrorFormat {
    codePointers = codePointers == null ? List.of() : List.copyOf(codePointers);
    messagePointers = messagePointers == null ? List.of() : List.copyOf(messagePointers);
    byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
  }

  /** The pointers for {@code status}: its own when declared, each falling back to the general ones. */
  public Pointers pointers(int status) {
    Pointers own = byStatus.get(Integer.toString(status));
    if (own == null) {
      return new Pointers(codePointers, messagePointers);
    }
    return new Pointers(own.codePointers().isEmpty() ? codePointers : own.codePointers(),
        own.messagePointers().isEmpty() ? messagePointers : own.messagePointers());
  }

  /** Whether a code is read from answers of {@code status}, or from answers of some status when it is null. */
  public boolean readsCode(Integer status) {
    return status != null ? !pointers(status).codePointers().isEmpty()
        : !codePointers.isEmpty() || byStatus.values().stream().anyMatch(own -> !own.codePointers().isEmpty());
  }

  /** Whether a message is read from answers of {@code status}, or from answers of some status when it is null. */
  public boolean readsMessage(Integer status) {
    return status != null ? !pointers(status).messagePointers().isEmpty()
        : !messagePointers.isEmpty() || byStatus.values().stream().anyMatch(own -> !own.messagePointers().isEmpty());
  }
}
