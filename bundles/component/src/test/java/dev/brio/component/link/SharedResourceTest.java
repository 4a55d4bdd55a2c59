package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.binary.Fixtures;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.U32Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A host resource type declared by one imported interface and used by another's functions
 * (shared-resource.wat), as WASI's streams are by wasi:cli and wasi:filesystem.
 */
class SharedResourceTest {
  @Test
  void anotherInterfaceHandsOutTheFirstOnesResource() throws Exception {
    List<Integer> destroyed = new ArrayList<>();
    Linker linker = new Linker();
    HostResource stream = linker.defineResource("brio:test/streams", "stream", destroyed::add);
    linker.define(
        "brio:test/streams",
        "[method]stream.id",
        new FuncType(
            List.of(new FuncType.Param("self", stream.borrow())), Optional.of(PrimitiveType.U32)),
        (cx, args) -> Optional.of(new U32Value(cx.rep(args.get(0)))));
    linker.define(
        "brio:test/stdio",
        "get-stdio",
        new FuncType(List.of(), Optional.of(stream.own())),
        (cx, args) -> Optional.of(cx.own(stream, 7)));
    // instantiating does not run the core module's _start (it traps)
    ComponentInstance instance = linker.instantiate(Fixtures.parse("shared-resource"));
    assertEquals(Optional.of(new U32Value(7)), instance.call("stdio-id"));
    assertEquals(List.of(7), destroyed);
  }
}
