package dev.brio.component.values;

/** An {@code own<R>} handle (an index into a handle table; no WAVE syntax). */
public record OwnValue(int handle) implements Value {}
