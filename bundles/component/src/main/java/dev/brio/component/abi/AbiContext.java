package dev.brio.component.abi;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.binary.StringEncoding;
import java.util.Objects;

/**
 * What lifting and lowering need ({@code LiftLowerContext} in CanonicalABI.md): the guest's memory
 * and realloc from the canonical options, the string encoding, and the handle bridge of the current
 * call. Memory and realloc may be absent when the function's types need none.
 */
public record AbiContext(
    Memory memory, Realloc realloc, StringEncoding encoding, HandleBridge handles) {
  public AbiContext {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(handles, "handles");
  }

  Memory mem(String what) {
    if (memory == null) {
      throw new Trap(what + " needs a memory, but the canonical options name none");
    }
    return memory;
  }

  /** {@code cx.allocate(alignment, byte_length)}: realloc(0, 0, alignment, size). */
  int allocate(int alignment, long byteLength, String what) {
    if (realloc == null) {
      throw new Trap(what + " needs realloc, but the canonical options name none");
    }
    return realloc.realloc(0, 0, alignment, (int) byteLength);
  }

  /** The memory's size in bytes. */
  long memorySize(String what) {
    return (long) mem(what).pages() * Memory.PAGE_SIZE;
  }

  /** Traps unless {@code [ptr, ptr+len)} is aligned and inside memory. */
  void checkRange(long ptr, long len, int alignment, String what) {
    Trap.trapIf(
        ptr % alignment != 0,
        () -> what + ": pointer 0x" + Long.toHexString(ptr) + " is not aligned to " + alignment);
    long size = memorySize(what);
    Trap.trapIf(
        ptr + len > size,
        () ->
            what
                + ": range [0x"
                + Long.toHexString(ptr)
                + ", +"
                + len
                + ") is out of bounds of memory ("
                + size
                + " bytes)");
  }
}
