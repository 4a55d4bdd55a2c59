package dev.brio.api.mesh;

import java.time.Duration;

/**
 * How the mesh runs a target: its name, the longest a call may take ({@code maxTimeout}, capping
 * the caller's), and how many calls may wait in each instance's mailbox before callers get {@link
 * MeshErrorKind#BUSY}.
 */
public record TargetSpec(String name, Duration maxTimeout, int mailboxCapacity) {
  public TargetSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a target needs a name");
    }
    if (mailboxCapacity < 1) {
      throw new IllegalArgumentException("mailboxCapacity must be at least 1: " + mailboxCapacity);
    }
  }
}
