package dev.patchbay.engine.definitions;

/**
 * One field a user enters when connecting.
 *
 * @param secret true for fields marked {@code writeOnly}: never shown, logged or returned
 */
public record FieldDefinition(String name, String title, String description, boolean required, boolean secret) {}
