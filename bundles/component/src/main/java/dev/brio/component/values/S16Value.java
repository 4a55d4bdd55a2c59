package dev.brio.component.values;

/** An {@code s16}. */
public record S16Value(short value) implements Value {}
