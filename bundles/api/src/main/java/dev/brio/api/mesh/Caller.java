package dev.brio.api.mesh;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a call and what it may call: the targets its manifest (or, for a Java service, its
 * service properties) grants, and how long its calls may take. Deny by default: an empty grant set
 * may call nothing; {@link #ANY_TARGET} grants every target and is for the kernel itself.
 */
public record Caller(String name, Set<String> grants, Duration timeout) {
  public static final String ANY_TARGET = "*";

  public Caller {
    Objects.requireNonNull(name, "name");
    grants = Set.copyOf(grants);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public boolean mayCall(String target) {
    return grants.contains(ANY_TARGET) || grants.contains(target);
  }
}
