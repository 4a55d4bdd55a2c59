package dev.brio.api.mesh;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who makes a call and what it may call: the targets its manifest (or, for a Java service, its
 * service properties) grants, and how long its calls may take. Deny by default: an empty grant set
 * may call nothing; {@link #ANY_TARGET} grants every target and is for the kernel itself.
 *
 * @param session the workspace session the caller works in, if any: the target runs its call with
 *     that session's directory as its workspace. A caller without one passes on the session of the
 *     call it makes its call from (see {@link CallInfo#session}). Only the kernel sets it; a
 *     component cannot name a session of its own choosing.
 */
public record Caller(String name, Set<String> grants, Duration timeout, Optional<String> session) {
  public static final String ANY_TARGET = "*";

  /** A caller outside any workspace session. */
  public Caller(String name, Set<String> grants, Duration timeout) {
    this(name, grants, timeout, Optional.empty());
  }

  public Caller {
    Objects.requireNonNull(name, "name");
    grants = Set.copyOf(grants);
    Objects.requireNonNull(session, "session");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public boolean mayCall(String target) {
    return grants.contains(ANY_TARGET) || grants.contains(target);
  }

  /** This caller working in workspace session {@code id}. */
  public Caller inSession(String id) {
    return new Caller(name, grants, timeout, Optional.of(id));
  }
}
