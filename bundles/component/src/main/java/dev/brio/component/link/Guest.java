package dev.brio.component.link;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.brio.component.abi.Trap;

/** Runs core code and turns Chicory's traps into {@link Trap}s. */
final class Guest {
  private Guest() {}

  static long[] call(CoreFunc f, long[] args, String where) {
    try {
      return f.call(args);
    } catch (ChicoryInterruptedException e) {
      throw new CallInterruptedException(where + ": interrupted", e);
    } catch (ChicoryException e) {
      throw new Trap(where + ": core trap: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new Trap(where + ": call stack exhausted", e);
    } catch (LinkageError e) {
      // Compiled code from the cache is defined as calls reach it: a class that cannot be loaded
      // (a damaged entry) fails here, and the call fails with it, typed, not as a bare Error.
      throw new Trap(where + ": compiled code cannot be loaded: " + e, e);
    }
  }
}
