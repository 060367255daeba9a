package dev.patchbay.engine.workflows.definition;

import tools.jackson.databind.JsonNode;

/**
 * An input the workflow declares.
 *
 * @param defaultValue used when a run gives none; may hold expressions (over {@code env} and functions); null when
 *     there is none
 * @param required whether a run must give a value: as declared, else true exactly when there is no default
 * @param secret its value never reaches a run record
 */
public record InputDeclaration(
    String name, InputType type, JsonNode defaultValue, String description, boolean required, boolean secret) {}
