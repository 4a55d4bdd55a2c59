package dev.brio.component.values;

/** An {@code s8}. */
public record S8Value(byte value) implements Value {}
