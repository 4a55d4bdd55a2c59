package dev.brio.component.link;

import com.dylibso.chicory.runtime.Memory;
import dev.brio.component.abi.AbiContext;
import dev.brio.component.abi.HandleBridge;
import dev.brio.component.abi.Realloc;
import dev.brio.component.binary.StringEncoding;

/** The canonical options of a lift or lower with their core definitions looked up. */
record CanonOptionsResolved(
    StringEncoding encoding, Memory memory, CoreFunc realloc, CoreFunc postReturn) {

  /** The lift/lower context of a call into or out of {@code instance}. */
  AbiContext context(GuestInstance instance, HandleBridge handles) {
    Realloc r =
        realloc == null
            ? null
            : (old, oldSize, align, size) ->
                (int)
                    instance
                        .withoutLeaving(
                            () ->
                                Guest.call(
                                    realloc, new long[] {old, oldSize, align, size}, "realloc"))[0];
    return new AbiContext(memory, r, encoding, handles);
  }
}
