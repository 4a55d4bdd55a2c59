package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.Value;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Borrows the host lends to a component that imports the resource type (resource-wit.wat's
 * `brio:fixtures/borrowers` interface), which gets borrow handles of its own: the rules jco cannot
 * be compared on (DifferentialTest: jco looks the handle up in the importer's table and refuses
 * it). After each call the host's own handle is intact and its destructor has not run.
 */
class BorrowerHandlesTest {
  private static final String THINGS = "brio:fixtures/things@0.1.0#";
  private static final String BORROWERS = "brio:fixtures/borrowers@0.1.0#";

  private ComponentInstance inst;
  private OwnValue thing;

  @BeforeEach
  void instantiate() throws Exception {
    inst = new Linker().instantiate(Fixtures.parse("resource-wit"));
    thing = (OwnValue) inst.call(THINGS + "[constructor]thing", new U32Value(5)).orElseThrow();
  }

  private Optional<Value> lend(String function) {
    return inst.call(BORROWERS + function, new BorrowValue(thing.handle()));
  }

  private void assertTrap(String expected, Runnable call) {
    Trap t = assertThrows(Trap.class, call::run);
    assertTrue(
        t.getMessage().contains(expected),
        () -> "expected a trap containing '" + expected + "', got: " + t.getMessage());
  }

  private void assertThingIntact() {
    assertEquals(
        Optional.of(new U32Value(5)),
        inst.call(THINGS + "[method]thing.get", new BorrowValue(thing.handle())));
    assertEquals(Optional.of(new U32Value(0)), inst.call(THINGS + "dropped"));
    inst.drop(thing);
    assertEquals(Optional.of(new U32Value(1)), inst.call(THINGS + "dropped"));
  }

  @Test
  void aBorrowDroppedInItsCallIsFine() {
    assertEquals(Optional.of(new U32Value(5)), lend("peek"));
    assertThingIntact();
  }

  @Test
  void aBorrowHeldPastItsCallTraps() {
    assertTrap("1 borrow handle(s) still remain at the end of the call", () -> lend("hold"));
    assertThingIntact();
  }

  @Test
  void aBorrowReturnedAsAnOwnTraps() {
    assertTrap("handle 1 is a borrow, not an own", () -> lend("lend-back"));
    assertThingIntact();
  }

  @Test
  void aBorrowUsedAfterItsCallTraps() {
    assertEquals(Optional.empty(), lend("stash"));
    assertTrap("invalid handle index 1", () -> inst.call(BORROWERS + "use-stash"));
    assertThingIntact();
  }
}
