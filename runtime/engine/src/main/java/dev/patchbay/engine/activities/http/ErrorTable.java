package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.definitions.ErrorMapping;
import java.util.List;
import java.util.Optional;

/** A connector definition's {@code errors} table: provider error to Patchbay code and remediation, first match. */
final class ErrorTable {

  /** What a provider error means for Patchbay. */
  record Entry(ErrorCode code, String remediation) {}

  private final List<ErrorMapping> mappings;

  ErrorTable(List<ErrorMapping> mappings) {
    this.mappings = List.copyOf(mappings);
  }

  /** The first row matching the provider's code, and the row's status and message conditions. */
  Optional<Entry> find(ProviderError error, int status) {
    return mappings.stream().filter(mapping -> mapping.matches(error.code(), status, error.message()))
        .map(ErrorTable::entry).findFirst();
  }

  /** The first row that maps this provider code to {@code code}, whatever its conditions. */
  Optional<Entry> findByCode(String providerCode, ErrorCode code) {
    return mappings.stream()
        .filter(mapping -> mapping.providerCode().equals(providerCode) && mapping.code() == code)
        .map(ErrorTable::entry)
        .findFirst();
  }

  private static Entry entry(ErrorMapping mapping) {
    return new Entry(mapping.code(), mapping.remediation());
  }
}
