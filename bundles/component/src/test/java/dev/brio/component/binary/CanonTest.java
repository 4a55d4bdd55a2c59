package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Canonical definitions: flattened core signatures and the options they require. */
class CanonTest {
  private static final CoreValType I32 = CoreValType.I32;
  private static final CoreValType I64 = CoreValType.I64;

  private static FuncType func(List<ValueType> params, Optional<ValueType> result) {
    return new FuncType(
        IntStream.range(0, params.size())
            .mapToObj(i -> new FuncType.Param("p" + i, params.get(i)))
            .toList(),
        result);
  }

  @Test
  void flatteningFollowsTheCanonicalAbi() {
    var f = new Flattening();
    var shape =
        new VariantType(
            List.of(
                new VariantType.Case("a", Optional.of(PrimitiveType.F64)),
                new VariantType.Case("b", Optional.of(new ListType(PrimitiveType.U8))),
                new VariantType.Case("c", Optional.empty())));
    // discriminant, join(f64, i32) = i64, then the list's length
    assertEquals(
        new CoreFuncType(List.of(I32, I64, I32), List.of(CoreValType.F32)),
        f.functype(func(List.of(shape), Optional.of(PrimitiveType.F32)), Flattening.Context.LIFT));
    var result = new ResultType(Optional.of(PrimitiveType.U32), Optional.of(PrimitiveType.STRING));
    // a result of 3 flat values goes through memory: a return pointer for lift, an out-param for
    // lower
    FuncType find = func(List.of(new OptionType(PrimitiveType.STRING)), Optional.of(result));
    assertEquals(
        new CoreFuncType(List.of(I32, I32, I32), List.of(I32)),
        f.functype(find, Flattening.Context.LIFT));
    assertEquals(
        new CoreFuncType(List.of(I32, I32, I32, I32), List.of()),
        f.functype(find, Flattening.Context.LOWER));
    // 17 flat params spill into one pointer
    FuncType many = func(Collections.nCopies(17, PrimitiveType.U8), Optional.empty());
    assertEquals(
        new CoreFuncType(List.of(I32), List.of()), f.functype(many, Flattening.Context.LIFT));
    FuncType sixteen = func(Collections.nCopies(8, PrimitiveType.STRING), Optional.empty());
    assertEquals(16, f.functype(sixteen, Flattening.Context.LIFT).params().size());
  }

  /** A core module exporting "f" of the given core type, for canon lift tests. */
  private static Bin coreModule(List<Integer> params, List<Integer> results) {
    Bin type = new Bin().u32(1).bytes(0x60).u32(params.size());
    params.forEach(type::bytes);
    type.u32(results.size());
    results.forEach(type::bytes);
    Bin body = new Bin().bytes(0x00, 0x00, 0x0b); // no locals, unreachable, end
    return new Bin()
        .bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)
        .section(1, type)
        .section(3, new Bin().u32(1).u32(0))
        .section(7, new Bin().u32(1).name("f").bytes(0x00).u32(0))
        .section(10, new Bin().u32(1).u32(body.size()).bytes(body.toBytes()));
  }

  /** module, instance, alias of "f", a func type with one param, canon lift with the options. */
  private static Bin liftOf(List<Integer> coreParams, int paramType, int... options) {
    return Bin.component()
        .section(1, coreModule(coreParams, List.of()))
        .section(2, new Bin().u32(1).bytes(0x00).u32(0).u32(0))
        .section(6, new Bin().u32(1).bytes(0x00, 0x00, 0x01).u32(0).name("f"))
        .section(
            7, new Bin().u32(1).bytes(0x40).u32(1).name("p").bytes(paramType).bytes(0x01, 0x00))
        .section(
            8,
            new Bin()
                .u32(1)
                .bytes(0x00, 0x00)
                .u32(0)
                .u32(options.length > 0 ? 1 : 0)
                .bytes(options)
                .u32(0));
  }

  @Test
  void liftOfAMatchingCoreFunction() throws Exception {
    Component c = ComponentParser.parse(liftOf(List.of(0x7f), 0x79).toBytes());
    assertEquals(
        PrimitiveType.U32,
        c.definitions(Definition.CanonLift.class).getFirst().type().params().getFirst().type());
  }

  @Test
  void liftOfACoreFunctionOfTheWrongType() {
    var e =
        assertThrows(
            ComponentFormatException.class,
            () -> ComponentParser.parse(liftOf(List.of(0x7e), 0x79).toBytes()));
    assertTrue(
        e.problem()
            .contains(
                "canon lift: core func 0 has type [i64] -> [], the func type flattens to [i32] -> []"),
        e.getMessage());
  }

  @Test
  void liftOfAStringWithoutReallocOrMemory() {
    var e =
        assertThrows(
            ComponentFormatException.class,
            () -> ComponentParser.parse(liftOf(List.of(0x7f, 0x7f), 0x73).toBytes()));
    assertTrue(
        e.problem()
            .contains("canon lift: realloc is required: the params contain a string or list"),
        e.getMessage());
  }

  @Test
  void duplicateOptionsAreRejected() {
    var e =
        assertThrows(
            ComponentFormatException.class,
            () ->
                ComponentParser.parse(
                    Bin.component()
                        .section(1, coreModule(List.of(0x7f), List.of()))
                        .section(2, new Bin().u32(1).bytes(0x00).u32(0).u32(0))
                        .section(6, new Bin().u32(1).bytes(0x00, 0x00, 0x01).u32(0).name("f"))
                        .section(
                            7,
                            new Bin()
                                .u32(1)
                                .bytes(0x40)
                                .u32(1)
                                .name("p")
                                .bytes(0x79)
                                .bytes(0x01, 0x00))
                        .section(
                            8,
                            new Bin()
                                .u32(1)
                                .bytes(0x00, 0x00)
                                .u32(0)
                                .u32(2)
                                .bytes(0x00, 0x01)
                                .u32(0))
                        .toBytes()));
    assertTrue(e.problem().contains("string-encoding given more than once"), e.getMessage());
  }
}
