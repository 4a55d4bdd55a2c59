package dev.brio.component.values;

/** A {@code borrow<R>} handle (an index into a handle table; no WAVE syntax). */
public record BorrowValue(int handle) implements Value {}
