package dev.patchbay.engine.definitions;

/**
 * How an operation's pages follow each other, as declared in its definition.
 *
 * @param style "cursor", "link", "offset" or "page"; null means "cursor"
 * @param cursorField a property name, or a JSON pointer when it starts with '/'
 * @param itemsField a property name, or a JSON pointer when it starts with '/' ("" for the answer itself)
 * @param firstPage the number of the first page (page style), null for 1
 */
public record PaginationDefinition(
    String style,
    String cursorParameter,
    String cursorField,
    String offsetParameter,
    String pageParameter,
    Integer firstPage,
    String itemsField,
    String pageSizeParameter,
    int maxPageSize,
    String expiredCursorError) {

  /** The declared style, "cursor" when none is. */
  public String styleOrDefault() {
    return style == null ? "cursor" : style;
  }
}
