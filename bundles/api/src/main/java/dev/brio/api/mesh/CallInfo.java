package dev.brio.api.mesh;

import java.time.Instant;

/**
 * One call as its target sees it: its id and its parent's ({@code 0} for a call that does not come
 * from inside another call), who called, and the deadline by which the answer must be back.
 */
public record CallInfo(
    long id, long parentId, String caller, String target, String method, Instant deadline) {}
