package dev.patchbay.engine.definitions;

/** A provider scope a connection can be granted. */
public record ScopeDefinition(String name, String description) {}
