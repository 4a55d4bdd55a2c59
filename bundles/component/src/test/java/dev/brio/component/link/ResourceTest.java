package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.types.FuncType;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resources, handle tables and borrow scopes (res.wat). */
class ResourceTest {
  private final AtomicReference<Runnable> onPoke = new AtomicReference<>(() -> {});
  private ComponentInstance res;

  @BeforeEach
  void instantiate() throws Exception {
    res =
        new Linker()
            .define(
                "poke",
                new FuncType(List.of(), Optional.empty()),
                args -> {
                  onPoke.get().run();
                  return Optional.empty();
                })
            .instantiate(Fixtures.parse("res"));
  }

  private Value call(String name, Value... args) {
    return res.call(name, args).orElseThrow();
  }

  private long dtorCount() {
    return ((U32Value) call("dtor-count")).value();
  }

  private void assertTrap(String expected, Runnable r) {
    Trap t = assertThrows(Trap.class, r::run);
    assertTrue(
        t.getMessage().contains(expected),
        () -> "expected a trap containing '" + expected + "', got: " + t.getMessage());
  }

  @Test
  void constructorMethodAndStatic() {
    OwnValue t = (OwnValue) call("[constructor]thing", new U32Value(21));
    assertEquals(new U32Value(21), call("[method]thing.get", new BorrowValue(t.handle())));
    OwnValue u = (OwnValue) call("[static]thing.twice", new U32Value(21));
    assertEquals(new U32Value(42), call("[method]thing.get", new BorrowValue(u.handle())));
    assertEquals(2, res.hostHandleCount());
  }

  @Test
  void ownsMoveAndDropCallsTheDestructor() {
    OwnValue t = (OwnValue) call("[constructor]thing", new U32Value(5));
    OwnValue moved = (OwnValue) call("pass", t);
    assertEquals(new U32Value(5), call("[method]thing.get", new BorrowValue(moved.handle())));
    assertEquals(0, dtorCount());
    assertEquals(new U32Value(5), call("consume", moved));
    assertEquals(1, dtorCount());
    assertEquals(new U32Value(5), call("dtor-last"));
    assertEquals(0, res.hostHandleCount());

    OwnValue v = (OwnValue) call("[constructor]thing", new U32Value(8));
    res.drop(v);
    assertEquals(2, dtorCount());
    assertEquals(new U32Value(8), call("dtor-last"));
  }

  @Test
  void aMovedOwnIsGoneFromTheHost() {
    OwnValue t = (OwnValue) call("[constructor]thing", new U32Value(5));
    call("consume", t);
    assertTrap("host: no handle", () -> res.call("consume", t));
  }

  @Test
  void badHandleIndex() {
    assertTrap("invalid handle index 99", () -> res.call("bad-handle"));
    assertTrap("invalid handle index 7", () -> res.call("rep-of-bad"));
  }

  @Test
  void borrowsDroppedInTimeAreFine() {
    OwnValue t = (OwnValue) call("[constructor]thing", new U32Value(3));
    res.call("release", new BorrowValue(t.handle()));
    res.call("release", new BorrowValue(t.handle()));
    assertEquals(new U32Value(3), call("[method]thing.get", new BorrowValue(t.handle())));
    assertEquals(0, dtorCount());
  }

  @Test
  void aBorrowOutlivingItsCallTraps() {
    OwnValue t = (OwnValue) call("[constructor]thing", new U32Value(3));
    assertTrap(
        "keep: 1 borrow handle(s) still remain at the end of the call",
        () -> res.call("keep", new BorrowValue(t.handle())));
  }

  @Test
  void droppingAResourceWithOutstandingBorrowsTraps() {
    OwnValue t = (OwnValue) call("[constructor]thing", new U32Value(3));
    onPoke.set(() -> res.drop(t));
    assertTrap(
        "host drop: a resource (type 1 of component) handle dropped while 1 borrow(s) of it are"
            + " out",
        () -> res.call("poke-then-release", new BorrowValue(t.handle())));
    assertEquals(0, dtorCount());
  }
}
