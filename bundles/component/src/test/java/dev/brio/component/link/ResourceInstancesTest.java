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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * resource-instances.wat: one component defining a resource type, instantiated twice as {@code a}
 * and {@code b}. Each instantiation has a resource type of its own (Explainer.md: resource types
 * are generative), so handles do not cross between the two, and each destructor is its instance's.
 */
class ResourceInstancesTest {
  private ComponentInstance parent;

  @BeforeEach
  void instantiate() throws Exception {
    parent = new Linker().instantiate(Fixtures.parse("resource-instances"));
  }

  private long u32(String name, Value... args) {
    return ((U32Value) parent.call(name, args).orElseThrow()).value();
  }

  private Trap trap(String name, Value... args) {
    return assertThrows(Trap.class, () -> parent.call(name, args));
  }

  private static void assertMentions(Trap t, String... parts) {
    for (String part : parts) {
      assertTrue(
          t.getMessage().contains(part), () -> "'" + part + "' not in trap: " + t.getMessage());
    }
  }

  @Test
  void aHandleGoesBackToItsOwnInstance() {
    assertEquals(7, u32("same-instance", new U32Value(7)));
    assertEquals(1, u32("a#dropped"));
    assertEquals(7, u32("a#last"));
    assertEquals(0, u32("b#dropped"));
  }

  @Test
  void aHandleOfOneInstanceLentToTheOtherTraps() {
    Trap t = trap("cross-call", new U32Value(3));
    assertMentions(
        t,
        "handle of type resource (type 0 of component/instance 0)",
        "where resource (type 0 of component/instance 1) expected");
  }

  @Test
  void aHandleOfOneInstanceDroppedAsTheOthersTypeTraps() {
    Trap t = trap("cross-drop", new U32Value(3));
    assertMentions(
        t,
        "resource.drop",
        "handle of type resource (type 0 of component/instance 0)",
        "where resource (type 0 of component/instance 1) expected");
    assertEquals(0, u32("a#dropped"));
    assertEquals(0, u32("b#dropped"));
  }

  @Test
  void eachDestructorRunsForItsOwnInstancesHandles() {
    parent.call("drop-each", new U32Value(10));
    assertEquals(1, u32("a#dropped"));
    assertEquals(10, u32("a#last"));
    assertEquals(2, u32("b#dropped"));
    assertEquals(12, u32("b#last"));
  }

  @Test
  void theHostCannotLendOneInstancesHandleToTheOther() {
    OwnValue made = (OwnValue) parent.call("a#make", new U32Value(5)).orElseThrow();
    assertEquals(5, u32("a#get", new BorrowValue(made.handle())));
    Trap t = trap("b#get", new BorrowValue(made.handle()));
    assertMentions(t, "where resource (type 0 of component/instance 1) expected");
    parent.drop(made);
    assertEquals(1, u32("a#dropped"));
    assertEquals(5, u32("a#last"));
    assertEquals(0, u32("b#dropped"));
  }

  @Test
  void aComponentImportingTheTypeTwiceBindsEachInstantiationToItsOwnArgument() {
    OwnValue fromA = (OwnValue) parent.call("a#make", new U32Value(4)).orElseThrow();
    OwnValue fromB = (OwnValue) parent.call("b#make", new U32Value(9)).orElseThrow();
    // ua imports a's type and a's get; ub imports b's
    assertEquals(4, u32("ua#peek", new BorrowValue(fromA.handle())));
    assertEquals(9, u32("ub#peek", new BorrowValue(fromB.handle())));
    Trap t = trap("ub#peek", new BorrowValue(fromA.handle()));
    assertMentions(
        t,
        "handle of type resource (type 0 of component/instance 0)",
        "where resource (type 0 of component/instance 1) expected");
    trap("ua#peek", new BorrowValue(fromB.handle()));
  }

  @Test
  void theTwoInstancesExportDistinctFunctionTypes() {
    var aMake = parent.function("a#make").orElseThrow().type();
    var bMake = parent.function("b#make").orElseThrow().type();
    assertTrue(!aMake.equals(bMake), "own<counter> of a is not own<counter> of b");
  }
}
