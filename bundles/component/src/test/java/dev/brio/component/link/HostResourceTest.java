package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.U32Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A resource implemented by the host (blobs.wat). */
class HostResourceTest {
  static final String IFACE = "brio:test/blobs";
  private final List<Integer> destroyed = new ArrayList<>();
  private Linker linker;

  @BeforeEach
  void define() {
    linker = new Linker();
    HostResource blob = linker.defineResource(IFACE, "blob", destroyed::add);
    linker.define(
        IFACE,
        "[constructor]blob",
        new FuncType(
            List.of(new FuncType.Param("size", PrimitiveType.U32)), Optional.of(blob.own())),
        (cx, args) -> Optional.of(cx.own(blob, (int) ((U32Value) args.get(0)).value() * 10)));
    linker.define(
        IFACE,
        "[method]blob.size",
        new FuncType(
            List.of(new FuncType.Param("self", blob.borrow())), Optional.of(PrimitiveType.U32)),
        (cx, args) -> Optional.of(new U32Value(cx.rep(args.get(0)) / 10)));
    linker.define(
        IFACE,
        "[static]blob.consume",
        new FuncType(List.of(new FuncType.Param("b", blob.own())), Optional.of(PrimitiveType.U32)),
        (cx, args) -> Optional.of(new U32Value(cx.take(args.get(0)) / 10)));
  }

  @Test
  void anOwnArgumentTakenByTheHostLeavesNoHandleBehind() throws Exception {
    ComponentInstance blobs = linker.instantiate(Fixtures.parse("blobs"));
    assertEquals(Optional.of(new U32Value(7)), blobs.call("make-and-consume", new U32Value(7)));
    assertEquals(0, blobs.hostHandleCount(), "the host took the handle over");
    assertEquals(List.of(), destroyed, "taking over is not dropping: no destructor");
  }

  @Test
  void theGuestCreatesLendsAndDropsAHostResource() throws Exception {
    ComponentInstance blobs = linker.instantiate(Fixtures.parse("blobs"));
    assertEquals(Optional.of(new U32Value(12)), blobs.call("measure", new U32Value(12)));
    assertEquals(List.of(120), destroyed);
    assertEquals(0, blobs.hostHandleCount());
  }

  @Test
  void hostResourceHandlesMoveBetweenHostAndGuest() throws Exception {
    ComponentInstance blobs = linker.instantiate(Fixtures.parse("blobs"));
    OwnValue b = (OwnValue) blobs.call("make", new U32Value(4)).orElseThrow();
    assertEquals(Optional.of(new U32Value(4)), blobs.call("size-of", new BorrowValue(b.handle())));
    blobs.call("discard", b);
    assertEquals(List.of(40), destroyed);
    OwnValue c = (OwnValue) blobs.call("make", new U32Value(5)).orElseThrow();
    blobs.drop(c);
    assertEquals(List.of(40, 50), destroyed);
  }

  @Test
  void aBorrowTheGuestKeepsTraps() throws Exception {
    ComponentInstance blobs = linker.instantiate(Fixtures.parse("blobs"));
    OwnValue b = (OwnValue) blobs.call("make", new U32Value(4)).orElseThrow();
    Trap t =
        assertThrows(Trap.class, () -> blobs.call("size-of-leaky", new BorrowValue(b.handle())));
    assertEquals(
        "size-of-leaky: 1 borrow handle(s) still remain at the end of the call", t.getMessage());
  }

  @Test
  void aMissingHostResourceFailsToLink() {
    LinkException e =
        assertThrows(LinkException.class, () -> new Linker().instantiate(Fixtures.parse("blobs")));
    assertEquals("missing import brio:test/blobs#blob: resource", e.getMessage());
  }
}
