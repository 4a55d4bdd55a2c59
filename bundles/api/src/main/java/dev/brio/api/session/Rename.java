package dev.brio.api.session;

/**
 * A deletion and an addition with the same content, reported as a rename. The change set still
 * lists both paths; this is information for the reader, not a separate operation.
 */
public record Rename(String from, String to) {}
