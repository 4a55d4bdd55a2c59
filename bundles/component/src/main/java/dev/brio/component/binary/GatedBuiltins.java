package dev.brio.component.binary;

import java.util.Map;

/**
 * The canonical built-ins of the async (🔀), threads (🧵) and error-context (📝) features by opcode
 * (Binary.md, "Canonical Definitions"), so Brio can refuse them by name.
 */
final class GatedBuiltins {
  private GatedBuiltins() {}

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x05, "task.cancel"),
          Map.entry(0x06, "subtask.cancel"),
          // 0x07 and 0x08 are the encodings of earlier drafts
          Map.entry(0x07, "resource.drop async"),
          Map.entry(0x08, "backpressure.set"),
          Map.entry(0x09, "task.return"),
          Map.entry(0x0a, "context.get"),
          Map.entry(0x0b, "context.set"),
          Map.entry(0x0c, "thread.yield"),
          Map.entry(0x0d, "subtask.drop"),
          Map.entry(0x0e, "stream.new"),
          Map.entry(0x0f, "stream.read"),
          Map.entry(0x10, "stream.write"),
          Map.entry(0x11, "stream.cancel-read"),
          Map.entry(0x12, "stream.cancel-write"),
          Map.entry(0x13, "stream.drop-readable"),
          Map.entry(0x14, "stream.drop-writable"),
          Map.entry(0x15, "future.new"),
          Map.entry(0x16, "future.read"),
          Map.entry(0x17, "future.write"),
          Map.entry(0x18, "future.cancel-read"),
          Map.entry(0x19, "future.cancel-write"),
          Map.entry(0x1a, "future.drop-readable"),
          Map.entry(0x1b, "future.drop-writable"),
          Map.entry(0x1c, "error-context.new"),
          Map.entry(0x1d, "error-context.debug-message"),
          Map.entry(0x1e, "error-context.drop"),
          Map.entry(0x1f, "waitable-set.new"),
          Map.entry(0x20, "waitable-set.wait"),
          Map.entry(0x21, "waitable-set.poll"),
          Map.entry(0x22, "waitable-set.drop"),
          Map.entry(0x23, "waitable.join"),
          Map.entry(0x24, "backpressure.inc"),
          Map.entry(0x25, "backpressure.dec"),
          Map.entry(0x26, "thread.index"),
          Map.entry(0x27, "thread.new-indirect"),
          Map.entry(0x28, "thread.resume-later"),
          Map.entry(0x29, "thread.suspend"),
          Map.entry(0x2a, "thread.suspend-then-resume"),
          Map.entry(0x2b, "thread.yield-then-resume"),
          Map.entry(0x2c, "thread.suspend-then-promote"),
          Map.entry(0x2d, "thread.yield-then-promote"),
          Map.entry(0x40, "thread.spawn-ref"),
          Map.entry(0x41, "thread.spawn-indirect"),
          Map.entry(0x42, "thread.available-parallelism"));

  /** The built-in's name, or null if the opcode is not a known gated built-in. */
  static String name(int opcode) {
    return NAMES.get(opcode);
  }
}
