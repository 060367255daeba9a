package dev.patchbay.engine.definitions;

/** Cursor pagination of an operation, as declared in its definition. */
public record PaginationDefinition(
    String cursorParameter,
    String cursorField,
    String itemsField,
    String pageSizeParameter,
    int maxPageSize,
    String expiredCursorError) {}
