package dev.brio.wasi.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host objects behind the handles one WASI host gave out: each gets a representation (the
 * {@code i32} the engine keeps in its handle tables), and is removed when the guest drops it.
 * {@link #close} releases everything still held at once; from then on the table refuses every use.
 */
public final class ResourceTable {
  private final Map<Integer, Object> objects = new HashMap<>();
  private int next = 1;
  private String closed;

  /**
   * Stores {@code object}; returns its new representation.
   *
   * @throws IllegalStateException once closed (the object is released first, so nothing leaks)
   */
  public int add(Object object) {
    synchronized (this) {
      if (closed == null) {
        while (objects.containsKey(next) || next <= 0) {
          next = next <= 0 ? 1 : next + 1;
        }
        int rep = next++;
        objects.put(rep, object);
        return rep;
      }
    }
    release(object);
    throw closedError();
  }

  /**
   * The object of representation {@code rep}, which must be a {@code type}.
   *
   * @throws IllegalStateException if there is none, it has another type, or the table is closed
   */
  public synchronized <T> T get(int rep, Class<T> type) {
    if (closed != null) {
      throw closedError();
    }
    Object o = objects.get(rep);
    if (!type.isInstance(o)) {
      throw new IllegalStateException(
          "no " + type.getSimpleName() + " with representation " + rep + " (found " + o + ")");
    }
    return type.cast(o);
  }

  /** Removes and returns the object of {@code rep}, or null (always null once closed). */
  public synchronized Object remove(int rep) {
    return objects.remove(rep);
  }

  /** How many objects are stored. */
  public synchronized int size() {
    return objects.size();
  }

  /**
   * Releases every object still stored (streams, descriptors, listings, wasi:http's bodies,
   * responses and futures...: whatever is {@link AutoCloseable}) and refuses every later use with
   * an {@link IllegalStateException} saying {@code why}. Idempotent.
   */
  public void close(String why) {
    List<Object> held;
    synchronized (this) {
      if (closed != null) {
        return;
      }
      closed = why;
      held = new ArrayList<>(objects.values());
      objects.clear();
    }
    // one object may sit under two handles (a stream that is its own pollable): release it once
    Set<Object> released = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Object o : held) {
      if (released.add(o)) {
        release(o);
      }
    }
  }

  private synchronized IllegalStateException closedError() {
    return new IllegalStateException(closed);
  }

  private static void release(Object o) {
    switch (o) {
      case HostInputStream s -> s.close();
      case HostOutputStream s -> s.close();
      case AutoCloseable c -> {
        try {
          c.close();
        } catch (Exception e) {
          // the instance is going away and nobody is left to tell: release the rest regardless
        }
      }
      default -> {}
    }
  }
}
