package dev.brio.mesh;

import dev.brio.api.mesh.CallInfo;
import java.util.List;

/**
 * The call a thread is running, bound for the duration of the target's handler. A mesh call made
 * from inside reads it to become a child: same deadline at most, and the chain of instances that
 * are waiting on each other, which is how a cycle back into one of them is caught.
 *
 * @param origin the call itself, to ask whether it was given up on
 */
record ActiveCall(CallInfo info, long deadlineNanos, List<Endpoint> chain, PendingCall origin) {
  static final ScopedValue<ActiveCall> CURRENT = ScopedValue.newInstance();

  ActiveCall {
    chain = List.copyOf(chain);
  }

  /** The call running on this thread, or null outside any mesh call. */
  static ActiveCall current() {
    return CURRENT.isBound() ? CURRENT.get() : null;
  }
}
