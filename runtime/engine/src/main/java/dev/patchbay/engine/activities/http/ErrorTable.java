package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.definitions.ErrorMapping;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A connector definition's {@code errors} rules: provider error to Patchbay code and remediation, first match. */
final class ErrorTable {

  /** What a provider error means for Patchbay. */
  record Entry(ErrorCode code, String remediation) {}

  private final List<ErrorMapping> mappings;

  ErrorTable(List<ErrorMapping> mappings) {
    this.mappings = List.copyOf(mappings);
  }

  /**
   * The first rule matching the provider's error (null when the body named none) and the answer's status and
   * headers.
   */
  Optional<Entry> find(ProviderError error, int status, UnaryOperator<String> headers) {
    String code = error == null ? null : error.code();
    String message = error == null ? null : error.message();
    return mappings.stream().filter(mapping -> mapping.matches(code, status, message, headers))
        .map(ErrorTable::entry).findFirst();
  }

  /** The first row that maps this provider code to {@code code}, whatever its conditions. */
  Optional<Entry> findByCode(String providerCode, ErrorCode code) {
    return mappings.stream()
        .filter(mapping -> providerCode != null && providerCode.equals(mapping.providerCode())
            && mapping.code() == code)
        .map(ErrorTable::entry)
        .findFirst();
  }

  private static Entry entry(ErrorMapping mapping) {
    return new Entry(mapping.code(), mapping.remediation());
  }
}
