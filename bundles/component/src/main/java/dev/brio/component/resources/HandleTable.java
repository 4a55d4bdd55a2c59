package dev.brio.component.resources;

import dev.brio.component.abi.Trap;
import java.util.ArrayList;
import java.util.List;

/**
 * A component instance's table of resource handles ({@code Table} in CanonicalABI.md): index 0 is
 * never valid, freed slots are reused, and an invalid index traps.
 */
public final class HandleTable {
  /** {@code Table.MAX_LENGTH}. */
  public static final int MAX_LENGTH = 1 << 28;

  private final String owner;
  private final List<Handle> entries = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();

  /** A table; {@code owner} names it in trap messages. */
  public HandleTable(String owner) {
    this.owner = owner;
    entries.add(null);
  }

  /** {@code Table.add}: the new handle's index. */
  public int add(Handle h) {
    if (!free.isEmpty()) {
      int i = free.removeLast();
      entries.set(i, h);
      return i;
    }
    Trap.trapIf(entries.size() >= MAX_LENGTH, () -> owner + ": handle table is full");
    entries.add(h);
    return entries.size() - 1;
  }

  /** {@code Table.get}: traps on an index that holds no handle. */
  public Handle get(int i) {
    Trap.trapIf(
        i <= 0 || i >= entries.size() || entries.get(i) == null,
        () -> owner + ": invalid handle index " + Integer.toUnsignedString(i));
    return entries.get(i);
  }

  /** {@code Table.remove}. */
  public Handle remove(int i) {
    Handle h = get(i);
    entries.set(i, null);
    free.add(i);
    return h;
  }

  /** How many handles the table holds. */
  public int size() {
    return entries.size() - 1 - free.size();
  }
}
