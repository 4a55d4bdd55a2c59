package dev.brio.api.state;

/**
 * What a write did: rows changed, the last inserted rowid, and the rows of a {@code RETURNING}
 * clause (empty without one).
 */
public record Outcome(long changes, long lastInsertRowid, Rows returned) {}
