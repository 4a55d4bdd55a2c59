package dev.brio.component.values;

/** A {@code bool}. */
public record BoolValue(boolean value) implements Value {}
