package dev.brio.vfs;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts how the files of one copy job were cloned, and remembers once the file system said it
 * cannot reflink at all, so a 10k-file tree does not ask 10k times.
 */
public final class CloneStats {
  private final AtomicLong reflinked = new AtomicLong();
  private final AtomicLong copied = new AtomicLong();
  private final AtomicBoolean reflinkUnsupported = new AtomicBoolean();

  void count(CloneMethod method) {
    (method == CloneMethod.REFLINK ? reflinked : copied).incrementAndGet();
  }

  boolean reflinkUnsupported() {
    return reflinkUnsupported.get();
  }

  void markReflinkUnsupported() {
    reflinkUnsupported.set(true);
  }

  public long reflinked() {
    return reflinked.get();
  }

  public long copied() {
    return copied.get();
  }

  @Override
  public String toString() {
    return "reflinked " + reflinked() + ", copied " + copied();
  }
}
