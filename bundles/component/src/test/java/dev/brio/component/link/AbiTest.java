package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.CharValue;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.F32Value;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.FlagsValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.S16Value;
import dev.brio.component.values.S32Value;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.S8Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U16Value;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every value type through a real guest (abi.wat) on Chicory. */
class AbiTest {
  private ComponentInstance abi;

  @BeforeEach
  void instantiate() throws Exception {
    abi = new Linker().instantiate(Fixtures.parse("abi"));
  }

  private Value call(String name, Value... args) {
    return abi.call(name, args).orElseThrow();
  }

  static Value rec(Value v, int n) {
    return new RecordValue(
        List.of(new RecordValue.Field("v", v), new RecordValue.Field("n", new U16Value(n))));
  }

  static Value some(Value v) {
    return new VariantValue("some", Optional.of(OptionValue.some(v)));
  }

  /** The value the fixture's hand-written data segment holds. */
  static final Value NESTED =
      new ListValue(
          List.of(
              rec(some(ResultValue.ok(new StringValue("héllo"))), 7),
              rec(some(ResultValue.err(new U8Value(42))), 65535),
              rec(new VariantValue("ch", Optional.of(new CharValue(0x1F600))), 0),
              rec(new VariantValue("some", Optional.of(OptionValue.none())), 1)));

  @Test
  void loadsAHandWrittenLayout() {
    assertEquals(NESTED, call("nested-const"));
  }

  @Test
  void nestedValuesRoundTrip() {
    assertEquals(NESTED, call("echo-nested", NESTED));
    List<Value> more = new ArrayList<>(((ListValue) NESTED).elements());
    more.add(rec(new VariantValue("none", Optional.empty()), 3));
    assertEquals(new ListValue(more), call("echo-nested", new ListValue(more)));
  }

  @Test
  void emptyListsAndStrings() {
    assertEquals(new ListValue(List.of()), call("echo-nested", new ListValue(List.of())));
    assertEquals(new ListValue(List.of()), call("echo-bytes", new ListValue(List.of())));
    assertEquals(new StringValue(""), call("echo-string", new StringValue("")));
  }

  @Test
  void multiByteStrings() {
    String s = "aé中😀\u0000z";
    assertEquals(new StringValue(s), call("echo-string", new StringValue(s)));
    assertEquals(
        new U32Value(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
        call("utf8-units", new StringValue(s)));
  }

  @Test
  void utf16AndLatin1Encodings() {
    String s = "aé中😀";
    assertEquals(new StringValue(s), call("utf16-echo", new StringValue(s)));
    assertEquals(new U32Value(s.length()), call("utf16-units", new StringValue(s)));
    assertEquals(new StringValue(s), call("latin1-echo", new StringValue(s)));
    assertEquals(new U32Value(s.length() | 0x8000_0000L), call("latin1-units", new StringValue(s)));
    assertEquals(new StringValue("café"), call("latin1-echo", new StringValue("café")));
    assertEquals(new U32Value(4), call("latin1-units", new StringValue("café")));
  }

  @Test
  void aListLargeEnoughToGrowMemory() {
    assertEquals(new U32Value(1), call("pages"));
    List<Value> bytes =
        IntStream.range(0, 300_000).mapToObj(i -> (Value) new U8Value(i & 0xff)).toList();
    assertEquals(new ListValue(bytes), call("echo-bytes", new ListValue(bytes)));
    assertTrue(((U32Value) call("pages")).value() >= 5);
    List<Value> doubles =
        IntStream.range(0, 1000).mapToObj(i -> (Value) new F64Value(i / 3.0)).toList();
    assertEquals(new ListValue(doubles), call("echo-f64s", new ListValue(doubles)));
  }

  @Test
  void primitivesFlat() {
    assertEquals(new BoolValue(true), call("id-bool", new BoolValue(true)));
    assertEquals(new S8Value((byte) -128), call("id-s8", new S8Value((byte) -128)));
    assertEquals(new U8Value(255), call("id-u8", new U8Value(255)));
    assertEquals(new S16Value((short) -300), call("id-s16", new S16Value((short) -300)));
    assertEquals(new U16Value(65535), call("id-u16", new U16Value(65535)));
    assertEquals(new S32Value(Integer.MIN_VALUE), call("id-s32", new S32Value(Integer.MIN_VALUE)));
    assertEquals(new U32Value(0xffff_ffffL), call("id-u32", new U32Value(0xffff_ffffL)));
    assertEquals(new S64Value(Long.MIN_VALUE), call("id-s64", new S64Value(Long.MIN_VALUE)));
    assertEquals(new U64Value(-1L), call("id-u64", new U64Value(-1L)));
    assertEquals(new F32Value(-1.5f), call("id-f32", new F32Value(-1.5f)));
    assertEquals(new F64Value(Math.PI), call("id-f64", new F64Value(Math.PI)));
    assertEquals(new CharValue(0x10FFFF), call("id-char", new CharValue(0x10FFFF)));
    assertEquals(new EnumValue("blue"), call("id-enum", new EnumValue("blue")));
    assertEquals(
        new FlagsValue(List.of("a", "c")), call("id-f3", new FlagsValue(List.of("a", "c"))));
    assertEquals(
        new FlagsValue(List.of("f0", "f9", "f19")),
        call("id-f20", new FlagsValue(List.of("f0", "f9", "f19"))));
  }

  @Test
  void liftWrapsSmallIntegersAsTheSpecSays() {
    assertEquals(new U8Value(255), call("neg1-u8"));
    assertEquals(new S8Value((byte) -1), call("neg1-s8"));
    assertEquals(new U16Value(65535), call("neg1-u16"));
    assertEquals(new S16Value((short) -1), call("neg1-s16"));
    assertEquals(new U32Value(0xffff_ffffL), call("neg1-u32"));
    assertEquals(new BoolValue(true), call("neg1-bool"));
  }

  @Test
  void nansAreCanonicalised() {
    float f = ((F32Value) call("nan")).value();
    assertEquals(0x7fc00000, Float.floatToRawIntBits(f));
  }

  @Test
  void variantPayloadsShareJoinedSlots() {
    Value a = new VariantValue("a", Optional.of(new F32Value(1.5f)));
    Value b = new VariantValue("b", Optional.of(new U64Value(-2L)));
    Value c = new VariantValue("c", Optional.of(new F64Value(1.5)));
    assertEquals(new U32Value(0), call("variant-case", a));
    assertEquals(new U32Value(2), call("variant-case", c));
    // an f32 in an i64 slot is its bits, zero-extended; an f64 is its bits
    assertEquals(new U64Value(Float.floatToRawIntBits(1.5f)), call("variant-slot", a));
    assertEquals(new U64Value(-2L), call("variant-slot", b));
    assertEquals(new U64Value(Double.doubleToRawLongBits(1.5)), call("variant-slot", c));
  }

  @Test
  void postReturnRunsAfterTheResultIsLifted() {
    assertEquals(new U32Value(1024), call("bump"));
    call("utf8-units", new StringValue("no post-return here"));
    assertEquals(new U32Value(1024 + 19), call("bump"));
    // echo-string's post-return resets the allocator, after the host has read the result
    assertEquals(new StringValue("abc"), call("echo-string", new StringValue("abc")));
    assertEquals(new U32Value(1024), call("bump"));
  }

  @Test
  void seventeenParamsSpillToMemory() {
    List<Value> args = IntStream.rangeClosed(1, 17).mapToObj(i -> (Value) new U32Value(i)).toList();
    assertEquals(Optional.of(new U32Value(153)), abi.call("sum17", args));
  }

  @Test
  void everyTypeSpilledBothWays() {
    List<Value> args =
        List.of(
            new BoolValue(true),
            new S8Value((byte) -5),
            new U8Value(200),
            new S16Value((short) -1234),
            new U16Value(54321),
            new S32Value(-123456789),
            new U32Value(3_000_000_000L),
            new S64Value(-1L << 40),
            new U64Value(0xfedc_ba98_7654_3210L),
            new F32Value(2.25f),
            new F64Value(-0.0),
            new CharValue('λ'),
            new StringValue("spilled ✓"),
            new ListValue(List.of(new U8Value(1), new U8Value(2), new U8Value(3))),
            new FlagsValue(List.of("b")),
            new EnumValue("green"),
            OptionValue.some(new U32Value(77)),
            ResultValue.err(new StringValue("nope")),
            new TupleValue(List.of(new U8Value(9), new F64Value(1e300))),
            new FlagsValue(List.of("f1", "f18")),
            NESTED);
    assertEquals(Optional.of(new TupleValue(args)), abi.call("echo-many", args));
  }
}
