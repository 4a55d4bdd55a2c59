package dev.brio.component.resources;

import dev.brio.component.abi.Trap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's handles, which Java code holds as {@code OwnValue}/{@code BorrowValue}. Unlike a
 * guest's table ({@link HandleTable}, whose index reuse the spec defines), an index here is never
 * handed out twice: a Java value outlives its handle easily (kept after a move or a drop, or given
 * to another instance), and with reuse it would silently reach whatever handle took the slot, even
 * run that handle's destructor. Indices come from one counter shared by every host table, so a
 * handle of one instance is not a handle of another; such a stale or foreign index traps.
 */
public final class HostHandleTable {
  // Shared by all tables: an index names at most one live host handle in the whole JVM, until the
  // counter wraps after 2^31 - 1 handles (then a live index is skipped, never reused).
  private static final AtomicInteger NEXT = new AtomicInteger(1);

  private final Map<Integer, Handle> entries = new HashMap<>();

  /** A new handle's index, one no earlier handle of any host table had (until wrap-around). */
  public synchronized int add(Handle h) {
    Trap.trapIf(entries.size() >= HandleTable.MAX_LENGTH, () -> "host: handle table is full");
    int index;
    do {
      index = NEXT.getAndUpdate(i -> i == Integer.MAX_VALUE ? 1 : i + 1);
    } while (entries.containsKey(index));
    entries.put(index, h);
    return index;
  }

  /** The handle at {@code i}; traps if it was dropped, moved, or belongs to another instance. */
  public synchronized Handle get(int i) {
    Handle h = entries.get(i);
    Trap.trapIf(
        h == null,
        () ->
            "host: no handle "
                + Integer.toUnsignedString(i)
                + " in this instance (dropped, moved into a call, or another instance's)");
    return h;
  }

  /** Removes the handle at {@code i}; traps as {@link #get} does. */
  public synchronized Handle remove(int i) {
    Handle h = get(i);
    entries.remove(i);
    return h;
  }

  /** How many handles the host holds. */
  public synchronized int size() {
    return entries.size();
  }
}
