package dev.brio.component.values;

/** An {@code f32}. */
public record F32Value(float value) implements Value {}
