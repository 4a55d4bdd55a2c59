package dev.brio.api.state;

import java.time.Instant;

/**
 * One entry of the kernel's event log: what happened ({@code kind}, e.g. {@code kernel.started}),
 * who reported it ({@code source}, a bundle or component name) and a JSON {@code detail}.
 */
public record KernelEvent(long id, Instant at, String kind, String source, String detail) {}
