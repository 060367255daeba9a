package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.definitions.ErrorMapping;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A connector definition's {@code errors} table: provider error to Patchbay code and remediation, first match. */
final class ErrorTable {

  /** What a provider error means for Patchbay. */
  record Entry(ErrorCode code, String remediation) {}

  private record Row(String providerCode, Integer httpStatus, Pattern messagePattern, Entry entry) {

    boolean matches(ProviderError error, int status) {
      return providerCode.equals(error.code())
          && (httpStatus == null || httpStatus == status)
          && (messagePattern == null || (error.message() != null && messagePattern.matcher(error.message()).find()));
    }
  }

  private final List<Row> rows;

  /** @param mappings the definition's table; its patterns were checked when the definition was loaded */
  ErrorTable(List<ErrorMapping> mappings) {
    this.rows = mappings.stream()
        .map(mapping -> new Row(mapping.providerCode(), mapping.httpStatus(),
            mapping.messagePattern() == null ? null : Pattern.compile(mapping.messagePattern()),
            new Entry(mapping.code(), mapping.remediation())))
        .toList();
  }

  /** The first row matching the provider's code, and the row's status and message conditions. */
  Optional<Entry> find(ProviderError error, int status) {
    return rows.stream().filter(row -> row.matches(error, status)).map(Row::entry).findFirst();
  }

  /** The first row that maps this provider code to {@code code}, whatever its conditions. */
  Optional<Entry> findByCode(String providerCode, ErrorCode code) {
    return rows.stream()
        .filter(row -> row.providerCode().equals(providerCode) && row.entry().code() == code)
        .map(Row::entry)
        .findFirst();
  }
}
