package dev.brio.component.link;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.abi.AbiContext;
import dev.brio.component.abi.HandleBridge;
import dev.brio.component.abi.Realloc;
import dev.brio.component.binary.StringEncoding;

/** The canonical options of a lift or lower with their core definitions looked up. */
record CanonOptionsResolved(
    StringEncoding encoding, Memory memory, CoreFunc realloc, CoreFunc postReturn) {

  /**
   * The guest's realloc as the ABI calls it, run without leaving {@code instance}; null when the
   * options name none. Made once per function, not per call.
   */
  Realloc reallocIn(GuestInstance instance) {
    if (realloc == null) {
      return null;
    }
    return (old, oldSize, align, size) ->
        (int)
            instance
                .callWithoutLeaving(realloc, new long[] {old, oldSize, align, size}, "realloc")[0];
  }

  /** The lift/lower context of one call, with a realloc from {@link #reallocIn}. */
  AbiContext context(Realloc realloc, HandleBridge handles) {
    return new AbiContext(memory, realloc, encoding, handles);
  }
}
