package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A guest calling host functions (host.wat): lift from the guest, lower back into it. */
class HostImportTest {
  static final String HOST = "brio:test/host";
  static final FuncType GREET =
      new FuncType(
          List.of(
              new FuncType.Param("name", PrimitiveType.STRING),
              new FuncType.Param(
                  "p",
                  new RecordType(
                      List.of(
                          new RecordType.Field("x", PrimitiveType.U32),
                          new RecordType.Field("y", PrimitiveType.STRING))))),
          Optional.of(PrimitiveType.STRING));
  static final FuncType ADD =
      new FuncType(
          List.of(
              new FuncType.Param("a", PrimitiveType.S64),
              new FuncType.Param("b", PrimitiveType.F64)),
          Optional.of(PrimitiveType.F64));

  private final List<List<Value>> calls = new ArrayList<>();

  private Linker linker() {
    return new Linker()
        .define(
            HOST,
            "greet",
            GREET,
            args -> {
              calls.add(args);
              String name = ((StringValue) args.get(0)).value();
              RecordValue p = (RecordValue) args.get(1);
              return Optional.of(
                  new StringValue(
                      "hello "
                          + name
                          + " x="
                          + ((U32Value) p.field("x").orElseThrow()).value()
                          + " y="
                          + ((StringValue) p.field("y").orElseThrow()).value()));
            })
        .define(
            HOST,
            "add",
            ADD,
            args ->
                Optional.of(
                    new F64Value(
                        ((S64Value) args.get(0)).value() + ((F64Value) args.get(1)).value())));
  }

  @Test
  void theGuestCallsTheHostWithAStringAndARecord() throws Exception {
    ComponentInstance instance = linker().instantiate(Fixtures.parse("host"));
    assertEquals(
        Optional.of(new StringValue("hello wörld x=6 y=tag")),
        instance.call("run", new StringValue("wörld")));
    assertEquals(1, calls.size());
    assertEquals(new StringValue("wörld"), calls.get(0).get(0));
  }

  @Test
  void flatHostCall() throws Exception {
    ComponentInstance instance = linker().instantiate(Fixtures.parse("host"));
    assertEquals(
        Optional.of(new F64Value(9.0)), instance.call("twice", new S64Value(3), new F64Value(1.5)));
  }

  @Test
  void aMissingImportNamesItAndItsType() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                new Linker()
                    .define(HOST, "add", ADD, args -> Optional.empty())
                    .instantiate(Fixtures.parse("host")));
    assertEquals(
        "missing import brio:test/host#greet: func(name: string, p: record { x: u32, y: string })"
            + " -> string",
        e.getMessage());
  }

  @Test
  void aHostFunctionOfAnotherTypeIsRefused() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                linker()
                    .define(HOST, "add", GREET, args -> Optional.empty())
                    .instantiate(Fixtures.parse("host")));
    assertTrue(e.getMessage().startsWith("import brio:test/host#add has type func(a: s64"));
  }

  @Test
  void aHostErrorIsNotATrap() throws Exception {
    ComponentInstance instance =
        linker()
            .define(
                HOST,
                "add",
                ADD,
                args -> {
                  throw new IllegalStateException("host is down");
                })
            .instantiate(Fixtures.parse("host"));
    HostFunctionException e =
        assertThrows(
            HostFunctionException.class,
            () -> instance.call("twice", new S64Value(1), new F64Value(1)));
    assertTrue(e.getCause() instanceof IllegalStateException);
    assertTrue(!(e.getCause() instanceof Trap));
  }

  @Test
  void aHostFunctionCannotReenterItsCaller() throws Exception {
    java.util.concurrent.atomic.AtomicReference<ComponentInstance> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    ComponentInstance instance =
        linker()
            .define(
                HOST,
                "add",
                ADD,
                args -> self.get().call("twice", new S64Value(1), new F64Value(1)))
            .instantiate(Fixtures.parse("host"));
    self.set(instance);
    Trap t =
        assertThrows(Trap.class, () -> instance.call("twice", new S64Value(1), new F64Value(1)));
    assertEquals("twice: cannot enter component: it is running", t.getMessage());
    // the failed call left the instance enterable again
    assertEquals(
        Optional.of(new StringValue("hello x x=1 y=tag")),
        instance.call("run", new StringValue("x")));
  }

  @Test
  void postReturnMayNotCallOut() throws Exception {
    ComponentInstance instance = linker().instantiate(Fixtures.parse("host"));
    Trap t =
        assertThrows(
            Trap.class,
            () -> instance.call("run-calling-out-in-post-return", new StringValue("x")));
    assertEquals(
        "component -> brio:test/host#add: component may not leave during realloc or post-return",
        t.getMessage());
  }
}
