package dev.brio.component.values;

/** An {@code s64}. */
public record S64Value(long value) implements Value {}
