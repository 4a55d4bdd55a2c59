package dev.brio.component.values;

/** An {@code s32}. */
public record S32Value(int value) implements Value {}
