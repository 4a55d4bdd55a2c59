package dev.brio.wasi.io;

import java.util.HashMap;
import java.util.Map;

/**
 * The host objects behind the handles one WASI host gave out: each gets a representation (the
 * {@code i32} the engine keeps in its handle tables), and is removed when the guest drops it.
 */
public final class ResourceTable {
  private final Map<Integer, Object> objects = new HashMap<>();
  private int next = 1;

  /** Stores {@code object}; returns its new representation. */
  public synchronized int add(Object object) {
    while (objects.containsKey(next) || next <= 0) {
      next = next <= 0 ? 1 : next + 1;
    }
    int rep = next++;
    objects.put(rep, object);
    return rep;
  }

  /**
   * The object of representation {@code rep}, which must be a {@code type}.
   *
   * @throws IllegalStateException if there is none or it has another type
   */
  public synchronized <T> T get(int rep, Class<T> type) {
    Object o = objects.get(rep);
    if (!type.isInstance(o)) {
      throw new IllegalStateException(
          "no " + type.getSimpleName() + " with representation " + rep + " (found " + o + ")");
    }
    return type.cast(o);
  }

  /** Removes and returns the object of {@code rep}, or null. */
  public synchronized Object remove(int rep) {
    return objects.remove(rep);
  }

  /** How many objects are stored. */
  public synchronized int size() {
    return objects.size();
  }
}
