package dev.brio.component.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.types.EnumType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WaveTest {

  private static final ValueType RESULT =
      new ResultType(Optional.of(PrimitiveType.U32), Optional.of(PrimitiveType.STRING));
  private static final VariantType TAG =
      new VariantType(
          List.of(
              new VariantType.Case("a", Optional.of(new OptionType(RESULT))),
              new VariantType.Case("b", Optional.empty()),
              new VariantType.Case("none", Optional.empty())));
  private static final RecordType ENTRY =
      new RecordType(
          List.of(
              new RecordType.Field("tag", TAG),
              new RecordType.Field("note", new OptionType(PrimitiveType.STRING))));
  private static final FlagsType THIRTY_TWO_FLAGS =
      new FlagsType(IntStream.range(0, 32).mapToObj(i -> "f" + i).toList());

  /** Prints, checks the text, parses it back, checks the value. */
  private static void roundTrip(ValueType type, Value value, String text) throws WaveException {
    assertEquals(text, Wave.print(value));
    assertEquals(value, Wave.parse(text, type));
  }

  private static Value some(Value v) {
    return OptionValue.some(v);
  }

  @Test
  void primitives() throws Exception {
    roundTrip(PrimitiveType.BOOL, new BoolValue(true), "true");
    roundTrip(PrimitiveType.BOOL, new BoolValue(false), "false");
    roundTrip(PrimitiveType.S8, new S8Value((byte) -128), "-128");
    roundTrip(PrimitiveType.U8, new U8Value(255), "255");
    roundTrip(PrimitiveType.S16, new S16Value((short) -32768), "-32768");
    roundTrip(PrimitiveType.U16, new U16Value(65535), "65535");
    roundTrip(PrimitiveType.S32, new S32Value(Integer.MIN_VALUE), "-2147483648");
    roundTrip(PrimitiveType.U32, new U32Value(4294967295L), "4294967295");
    roundTrip(PrimitiveType.S64, new S64Value(Long.MIN_VALUE), "-9223372036854775808");
    roundTrip(PrimitiveType.U64, new U64Value(-1L), "18446744073709551615");
    roundTrip(PrimitiveType.F32, new F32Value(-1.5f), "-1.5");
    roundTrip(PrimitiveType.F32, new F32Value(0.1f), "0.1");
    roundTrip(PrimitiveType.F64, new F64Value(1.0), "1");
    roundTrip(PrimitiveType.F64, new F64Value(-0.0), "-0");
    roundTrip(PrimitiveType.F64, new F64Value(1e21), "1000000000000000000000");
    roundTrip(
        PrimitiveType.F64,
        new F64Value(Double.MIN_VALUE),
        Wave.print(new F64Value(Double.MIN_VALUE)));
    roundTrip(PrimitiveType.F64, new F64Value(Double.NaN), "nan");
    roundTrip(PrimitiveType.F64, new F64Value(Double.POSITIVE_INFINITY), "inf");
    roundTrip(PrimitiveType.F32, new F32Value(Float.NEGATIVE_INFINITY), "-inf");
    roundTrip(PrimitiveType.F32, new F32Value(Float.NaN), "nan");
    assertEquals(new F64Value(6.022e23), Wave.parse("6.022e+23", PrimitiveType.F64));
  }

  @Test
  void charsAndStrings() throws Exception {
    roundTrip(PrimitiveType.CHAR, new CharValue('x'), "'x'");
    roundTrip(PrimitiveType.CHAR, new CharValue('\''), "'\\''");
    roundTrip(PrimitiveType.CHAR, new CharValue('"'), "'\"'");
    roundTrip(PrimitiveType.CHAR, new CharValue(0x1F600), "'\uD83D\uDE00'");
    roundTrip(PrimitiveType.CHAR, new CharValue(0), "'\\u{0}'");
    roundTrip(PrimitiveType.STRING, new StringValue(""), "\"\"");
    roundTrip(
        PrimitiveType.STRING,
        new StringValue("tab\there \"q\" back\\ nl\n cr\r é ☃ 😀"),
        "\"tab\\there \\\"q\\\" back\\\\ nl\\n cr\\r é ☃ 😀\"");
    roundTrip(PrimitiveType.STRING, new StringValue("bell\u0007"), "\"bell\\u{7}\"");
    assertEquals(new StringValue("😀x"), Wave.parse("\"\\u{1F600}x\"", PrimitiveType.STRING));
    assertEquals(new StringValue("'"), Wave.parse("\"\\'\"", PrimitiveType.STRING));
  }

  @Test
  void compounds() throws Exception {
    roundTrip(new ListType(PrimitiveType.U8), new ListValue(List.of()), "[]");
    roundTrip(
        new ListType(PrimitiveType.S32),
        new ListValue(List.of(new S32Value(1), new S32Value(-2))),
        "[1, -2]");
    roundTrip(
        new TupleType(List.of(PrimitiveType.U8, PrimitiveType.STRING)),
        new TupleValue(List.of(new U8Value(1), new StringValue("a"))),
        "(1, \"a\")");
    roundTrip(
        new RecordType(
            List.of(
                new RecordType.Field("a", PrimitiveType.U32),
                new RecordType.Field("b-c", PrimitiveType.STRING))),
        new RecordValue(
            List.of(
                new RecordValue.Field("a", new U32Value(1)),
                new RecordValue.Field("b-c", new StringValue("x")))),
        "{a: 1, b-c: \"x\"}");
    roundTrip(new EnumType(List.of("red", "ok")), new EnumValue("ok"), "%ok");
    roundTrip(new EnumType(List.of("red", "ok")), new EnumValue("red"), "red");
    roundTrip(new OptionType(PrimitiveType.U8), OptionValue.none(), "none");
    roundTrip(new OptionType(PrimitiveType.U8), some(new U8Value(1)), "some(1)");
    roundTrip(RESULT, ResultValue.ok(new U32Value(1)), "ok(1)");
    roundTrip(RESULT, ResultValue.err(new StringValue("e")), "err(\"e\")");
    ResultType bare = new ResultType(Optional.empty(), Optional.empty());
    roundTrip(bare, new ResultValue(true, Optional.empty()), "ok");
    roundTrip(bare, new ResultValue(false, Optional.empty()), "err");
    roundTrip(TAG, new VariantValue("b", Optional.empty()), "b");
    roundTrip(TAG, new VariantValue("none", Optional.empty()), "%none");
    roundTrip(
        TAG,
        new VariantValue("a", Optional.of(some(ResultValue.ok(new U32Value(7))))),
        "a(some(ok(7)))");
  }

  @Test
  void flagsUpToTheLimitOf32() throws Exception {
    roundTrip(THIRTY_TWO_FLAGS, new FlagsValue(List.of()), "{}");
    roundTrip(THIRTY_TWO_FLAGS, new FlagsValue(List.of("f0", "f16", "f31")), "{f0, f16, f31}");
    // any order in, type order out; trailing comma allowed
    assertEquals(
        new FlagsValue(List.of("f1", "f30")), Wave.parse("{ f30, f1, }", THIRTY_TWO_FLAGS));
  }

  @Test
  void aFlagsTypeWithMoreThan32NamesIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FlagsType(IntStream.range(0, 33).mapToObj(i -> "f" + i).toList()));
    assertEquals("flags with 33 names: at most 32 allowed", e.getMessage());
  }

  @Test
  void nestedListOfRecordsOfVariantsOfOptionsOfResults() throws Exception {
    ListType type = new ListType(ENTRY);
    Value value =
        new ListValue(
            List.of(
                new RecordValue(
                    List.of(
                        new RecordValue.Field(
                            "tag",
                            new VariantValue(
                                "a", Optional.of(some(ResultValue.err(new StringValue("e\n")))))),
                        new RecordValue.Field("note", OptionValue.none()))),
                new RecordValue(
                    List.of(
                        new RecordValue.Field(
                            "tag", new VariantValue("a", Optional.of(OptionValue.none()))),
                        new RecordValue.Field("note", some(new StringValue("😀"))))),
                new RecordValue(
                    List.of(
                        new RecordValue.Field("tag", new VariantValue("b", Optional.empty())),
                        new RecordValue.Field("note", OptionValue.none())))));
    roundTrip(
        type,
        value,
        "[{tag: a(some(err(\"e\\n\"))), note: none}, {tag: a(none), note: some(\"😀\")},"
            + " {tag: b, note: none}]");
  }

  @Test
  void lenientForms() throws Exception {
    // whitespace, comments, trailing commas, omitted option fields, flat some/ok, %-escaped labels
    Value parsed =
        Wave.parse(
            """
            [ // entries
              { note: "n", tag: %b, },
              {tag: a(some(7))},
            ]
            """,
            new ListType(ENTRY));
    assertEquals(
        new ListValue(
            List.of(
                new RecordValue(
                    List.of(
                        new RecordValue.Field("tag", new VariantValue("b", Optional.empty())),
                        new RecordValue.Field("note", some(new StringValue("n"))))),
                new RecordValue(
                    List.of(
                        new RecordValue.Field(
                            "tag",
                            new VariantValue(
                                "a", Optional.of(some(ResultValue.ok(new U32Value(7)))))),
                        new RecordValue.Field("note", OptionValue.none()))))),
        parsed);
    RecordType allOptional =
        new RecordType(List.of(new RecordType.Field("o", new OptionType(PrimitiveType.U8))));
    assertEquals(
        new RecordValue(List.of(new RecordValue.Field("o", OptionValue.none()))),
        Wave.parse("{:}", allOptional));
    assertEquals(some(new U8Value(3)), Wave.parse("3", new OptionType(PrimitiveType.U8)));
  }

  private static WaveException error(String text, ValueType type) {
    return assertThrows(WaveException.class, () -> Wave.parse(text, type));
  }

  private static void assertError(WaveException e, int line, int column, String message) {
    assertEquals(message, e.problem());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
  }

  @Test
  void errorsNameTheColumnAndWhatWasExpected() {
    assertError(
        error("256", PrimitiveType.U8), 1, 1, "expected a u8 (0 to 255), found 256 (out of range)");
    assertError(
        error("-1", PrimitiveType.U64),
        1,
        1,
        "expected a u64 (0 to 18446744073709551615), found -1 (out of range)");
    assertError(error("1.5", PrimitiveType.S32), 1, 1, "expected an integer (s32), found '1.5'");
    assertError(
        error("yes", PrimitiveType.BOOL), 1, 1, "expected a bool (true or false), found 'yes'");
    assertError(
        error("[1, 2 3]", new ListType(PrimitiveType.U8)), 1, 7, "expected ',' or ']', found '3'");
    assertError(
        error("[1, 2", new ListType(PrimitiveType.U8)),
        1,
        6,
        "expected ',' or ']', found end of input");
    assertError(error("{a: 1}", ENTRY), 1, 2, "expected a field of [tag, note], found 'a'");
    assertError(error("{note: none}", ENTRY), 1, 1, "record field 'tag' is missing");
    assertError(
        error("none", TAG),
        1,
        1,
        "expected a variant case of [a, b, none], found 'none' (a keyword: write %none)");
    assertError(
        error("a", TAG), 1, 2, "expected '(' with the payload of case 'a', found end of input");
    assertError(
        error("'ab'", PrimitiveType.CHAR),
        1,
        3,
        "expected ''' to end the char, found more characters");
    assertError(
        error("\"abc", PrimitiveType.STRING),
        1,
        1,
        "unterminated string: expected '\"' before the end of input");
    assertError(
        error("\"a\\qb\"", PrimitiveType.STRING),
        1,
        3,
        "unknown escape '\\q': expected one of \\' \\\" \\\\ \\n \\t \\r \\u{...}");
    assertError(
        error("\"\\u{D800}\"", PrimitiveType.STRING),
        1,
        2,
        "\\u{D800} is not a Unicode scalar value");
    assertError(error("{f1, f1}", THIRTY_TWO_FLAGS), 1, 6, "flag 'f1' given twice");
    assertError(
        error("{f32}", THIRTY_TWO_FLAGS),
        1,
        2,
        "expected a flag of " + THIRTY_TWO_FLAGS.names() + ", found 'f32'");
    assertError(
        error("1e999", PrimitiveType.F64), 1, 1, "expected a f64, found 1e999 (out of range)");
    assertError(
        error("(1)", new TupleType(List.of(PrimitiveType.U8, PrimitiveType.U8))),
        1,
        1,
        "expected a tuple of 2 elements, found 1");
    assertError(
        error("true false", PrimitiveType.BOOL),
        1,
        6,
        "expected the end of the value, found 'false'");
    // columns count code points and restart on each line
    assertError(
        error("[\"😀\",\n  x]", new ListType(PrimitiveType.STRING)),
        2,
        3,
        "expected a string, found 'x'");
    assertError(
        error("[\"😀\", x]", new ListType(PrimitiveType.STRING)),
        1,
        7,
        "expected a string, found 'x'");
  }

  @Test
  void multilineStrings() throws Exception {
    assertEquals(
        new StringValue("A single line"),
        Wave.parse("\"\"\"\nA single line\n\"\"\"", PrimitiveType.STRING));
    assertEquals(
        new StringValue("  Indentation determined\n    by ending delimiter"),
        Wave.parse(
            "\"\"\"\n    Indentation determined\n      by ending delimiter\n  \"\"\"",
            PrimitiveType.STRING));
    assertEquals(
        new StringValue("a \"quote\"\r\n\nb"),
        Wave.parse("\"\"\"\r\n  a \"quote\"\\r\r\n\r\n  b\r\n  \"\"\"", PrimitiveType.STRING));
    assertError(
        error("\"\"\"\n  a\n b\n  \"\"\"", PrimitiveType.STRING),
        3,
        2,
        "expected 2 spaces of indent in a multiline string");
    assertError(
        error("\"\"\"abc\"\"\"", PrimitiveType.STRING),
        1,
        4,
        "expected a line break after the opening \"\"\"");
  }
}
