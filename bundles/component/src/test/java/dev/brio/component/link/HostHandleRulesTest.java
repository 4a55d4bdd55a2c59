package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.Value;
import org.junit.jupiter.api.Test;

/**
 * The host's handles against CanonicalABI.md's resource rules (resource-wit.wat): the cases the
 * differential test found Brio getting wrong, kept as regression tests.
 */
class HostHandleRulesTest {
  private static final String THINGS = "brio:fixtures/things@0.1.0#";

  private static ComponentInstance instance() throws Exception {
    return new Linker().instantiate(Fixtures.parse("resource-wit"));
  }

  private static Value call(ComponentInstance inst, String function, Value... args) {
    return inst.call(THINGS + function, args).orElseThrow();
  }

  private static OwnValue thing(ComponentInstance inst, int v) {
    return (OwnValue) call(inst, "[constructor]thing", new U32Value(v));
  }

  private static long dropped(ComponentInstance inst) {
    return ((U32Value) call(inst, "dropped")).value();
  }

  /**
   * lift_borrow calls add_lender for every borrowed own handle, also when the callee implements the
   * resource (lower_borrow then passes the rep): so lift_own of the same handle in the same call
   * traps (num_lends != 0). Were the lend not counted for the implementer, the own would move and
   * the guest would destroy the resource its `self` borrow still names.
   */
  @Test
  void aHandleLentToItsImplementerCannotMoveInTheSameCall() throws Exception {
    ComponentInstance inst = instance();
    OwnValue t = thing(inst, 2);
    assertThrows(
        Trap.class,
        () -> inst.call(THINGS + "[method]thing.absorb", new BorrowValue(t.handle()), t));
    assertEquals(0, dropped(inst));
  }

  /**
   * A moved own is gone from the host (jco: the object no longer holds a handle), even when `pass`
   * hands back a new own: a host table that reused the freed index would let the stale value reach
   * the new handle.
   */
  @Test
  void aMovedOwnDoesNotReachTheHandleThatReusedItsIndex() throws Exception {
    ComponentInstance inst = instance();
    OwnValue t = thing(inst, 6);
    OwnValue m = (OwnValue) call(inst, "pass", t);
    assertEquals(new U32Value(6), call(inst, "[method]thing.get", new BorrowValue(m.handle())));
    assertThrows(
        Trap.class, () -> inst.call(THINGS + "[method]thing.get", new BorrowValue(t.handle())));
  }

  /** The same for a dropped handle: a later constructor's handle takes its index. */
  @Test
  void aDroppedOwnDoesNotReachTheHandleThatReusedItsIndex() throws Exception {
    ComponentInstance inst = instance();
    OwnValue t = thing(inst, 7);
    inst.drop(t);
    thing(inst, 8);
    assertThrows(
        Trap.class, () -> inst.call(THINGS + "[method]thing.get", new BorrowValue(t.handle())));
  }

  /**
   * Worse: dropping a moved own whose index a new handle took destroys the new handle (its
   * destructor runs, the guest's `kept` handle is fine, the host's `u` is gone).
   */
  @Test
  void aStaleDropDoesNotDestroyTheHandleThatReusedItsIndex() throws Exception {
    ComponentInstance inst = instance();
    OwnValue t = thing(inst, 7);
    inst.call(THINGS + "keep", t);
    OwnValue u = thing(inst, 8);
    assertThrows(Trap.class, () -> inst.drop(t));
    assertEquals(0, dropped(inst));
    assertEquals(new U32Value(8), call(inst, "[method]thing.get", new BorrowValue(u.handle())));
  }

  /**
   * A handle the host got from one instance, passed to another instance of the same component,
   * indexes the second instance's host table: it reads whatever handle sits at that index there.
   */
  @Test
  void anotherInstancesHandleIsRefused() throws Exception {
    ComponentInstance a = instance();
    ComponentInstance b = instance();
    OwnValue t = thing(a, 5);
    thing(b, 7);
    assertThrows(
        Trap.class, () -> b.call(THINGS + "[method]thing.get", new BorrowValue(t.handle())));
  }
}
