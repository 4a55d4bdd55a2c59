package dev.brio.api.mesh;

import java.time.Duration;

/**
 * How the mesh runs a target: its name, the longest a call may take ({@code maxTimeout}, capping
 * the caller's), and how many calls may wait in each instance's mailbox before callers get {@link
 * MeshErrorKind#BUSY}.
 *
 * @param runOnCaller the fast path: a call that finds an instance idle runs it on the caller's own
 *     thread instead of handing it to the instance's mailbox thread and back, which saves two
 *     thread hand-offs per call. Opt-in, because the target's code then runs on threads it does not
 *     own, and a deadline is enforced by interrupting the caller's thread.
 */
public record TargetSpec(
    String name, Duration maxTimeout, int mailboxCapacity, boolean runOnCaller) {

  /** A target whose calls always go through its instances' mailboxes. */
  public TargetSpec(String name, Duration maxTimeout, int mailboxCapacity) {
    this(name, maxTimeout, mailboxCapacity, false);
  }

  public TargetSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a target needs a name");
    }
    if (mailboxCapacity < 1) {
      throw new IllegalArgumentException("mailboxCapacity must be at least 1: " + mailboxCapacity);
    }
  }
}
