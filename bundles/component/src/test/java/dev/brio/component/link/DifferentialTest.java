package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.link.ResourceSequences.Call;
import dev.brio.component.link.ResourceSequences.Drop;
import dev.brio.component.link.ResourceSequences.Step;
import dev.brio.component.types.BorrowType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.CharValue;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.F32Value;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.FlagsValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.OwnValue;
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
import dev.brio.component.values.Wave;
import dev.brio.component.values.WaveException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The same components and inputs through Brio and through jco's transpiled JS in node (the
 * reference host, components/fixtures/differential.mjs): every result must print the same, and
 * traps must match (both trap on the same call; the messages differ between hosts and are only
 * shown). Values are compared in the JSON encoding that differential.mjs documents; Brio's side of
 * it is {@link #json(Value, ValueType)}.
 *
 * <p>A {@link Case} is one call on the component's shared instance (made afresh after a trap). A
 * {@link Sequence} is a list of steps on fresh instances of its own ({@link ResourceSequences}): a
 * call whose own result is bound to a name, a call that passes a bound handle as an own (moving it)
 * or a borrow, a drop of a bound handle by the host ({@link ComponentInstance#drop}; jco: the
 * object's {@code Symbol.dispose}), each in a named instance so that one instance's handle can be
 * handed to another. A trap ends a sequence (the later steps print {@code {"skipped": ...}} on both
 * sides). Both hosts print one JSON line per call or step; the cases go to node in
 * differential.mjs's case format, which its header documents: a call is {@code {"component",
 * "function", "params", "result", "args"}}, a sequence {@code {"component", "steps": [...]}} whose
 * steps are calls (plus {@code "instance"} and {@code "bind"}) or {@code {"instance", "drop"}}; a
 * handle type is {@code {"own": r}} or {@code {"borrow": r}} and a handle value {@code {"handle":
 * name}}.
 *
 * <p>The fixtures are upper.wat, resource-instances.wat, resource-wit.wat (a resource in a WIT
 * interface: jco refuses res.wat's and resource.wat's resource types exported at the top level) and
 * abi-wit.wat: abi.wat's guest with named types (jco derives WIT from a component and refuses
 * abi.wat's unnamed record, variant, enum and flags types) and without its latin1+utf16 functions
 * (jco 1.35 cannot transpile that encoding). abi.wat's `spin`, `pages` and `bump` are left out: an
 * endless loop, and the memory and allocator state, which differ by design between two hosts'
 * instances.
 *
 * <p>A case marked {@link Check#knownDifference} is one where the hosts disagree by a known,
 * deliberate decision or a known jco bug: the test checks that they still disagree on at least one
 * line (so the mark is removed when they stop) and prints the reason.
 */
class DifferentialTest {
  private static final String ABI = "abi-wit";
  private static final String IFACE = "brio:fixtures/abi@0.1.0#";

  /** jco decodes a guest's strings leniently (TextDecoder), where the spec traps. */
  private static final String JCO_LENIENT_STRINGS =
      "jco decodes guest strings with a non-fatal TextDecoder and hands back U+FFFD, where"
          + " CanonicalABI.md's load_string_from_range traps on invalid UTF-8/UTF-16; Brio traps as"
          + " the spec says";

  /** jco range-checks a lifted small integer where the spec wraps it. */
  private static final String JCO_NO_WRAP =
      "jco throws a TypeError for an i32 outside the type's range, where CanonicalABI.md's"
          + " lift_flat_unsigned keeps the low bits (i % 2^t_width); Brio wraps as the spec says";

  /** jco rejects a bool other than 0 or 1 where the spec reads any non-zero as true. */
  private static final String JCO_STRICT_BOOL =
      "jco throws 'invalid variant discriminant for bool' for 0xffffffff, where"
          + " CanonicalABI.md's convert_int_to_bool is bool(i); Brio returns true as the spec says";

  /** jco does not check the alignment of a spilled result's pointer. */
  private static final String JCO_UNALIGNED_RESULTS =
      "jco reads spilled results at a misaligned pointer, where CanonicalABI.md's"
          + " lift_flat_values traps (ptr != align_to(ptr, alignment(tuple))); Brio traps";

  /** jco does not bound a list's length by memory. */
  private static final String JCO_UNCHECKED_LIST_LENGTH =
      "jco lifts a list<u64> of 2^28 elements at 0 from a 64 KiB memory by slicing the memory"
          + " buffer, which clamps: it returns 8192 elements; CanonicalABI.md's"
          + " load_list_from_range traps (MAX_LIST_BYTE_LENGTH, and ptr + length * size >"
          + " len(memory)); Brio traps";

  /** jco does not check the type of the handle a resource.drop removes. */
  private static final String JCO_UNTYPED_DROP =
      "jco's resource.drop of one instance's resource type accepts a handle of the other"
          + " instance's type, where CanonicalABI.md's canon_resource_drop traps (h.rt is not rt);"
          + " Brio traps";

  /**
   * What both hosts run: one call, or a sequence of steps. {@code knownDifference} is null, or why
   * the hosts are expected to disagree (on at least one of its lines).
   */
  sealed interface Check {
    String component();

    String knownDifference();
  }

  /**
   * One call, on the component's shared instance. {@code args} are WAVE texts, parsed against the
   * function's parameter types.
   */
  record Case(String component, String function, List<String> args, String knownDifference)
      implements Check {
    @Override
    public String toString() {
      return component + " " + function + "(" + String.join(", ", args) + ")";
    }
  }

  /** Steps on fresh instances of the component, which a trap ends ({@link ResourceSequences}). */
  record Sequence(String component, String name, List<Step> steps, String knownDifference)
      implements Check {
    @Override
    public String toString() {
      return component + ": " + name;
    }
  }

  private static Case upper(String arg) {
    return new Case("upper", "upper", List.of(arg), null);
  }

  private static Case abi(String function, String... args) {
    return new Case(ABI, IFACE + function, List.of(args), null);
  }

  private static Case abiKnown(String reason, String function, String... args) {
    return new Case(ABI, IFACE + function, List.of(args), reason);
  }

  private static Case instances(String function, String... args) {
    return new Case("resource-instances", function, List.of(args), null);
  }

  // the variant's `some` and `none` cases are WAVE keywords: written %some and %none
  private static final String NESTED =
      "[{v: %some(some(ok(\"héllo\"))), n: 7}, {v: %some(some(err(42))), n: 65535},"
          + " {v: ch('\\u{1f600}'), n: 0}, {v: %some(none), n: 1}, {v: %none, n: 3}]";

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // upper: ASCII, multi-byte, empty
    cases.add(upper("\"hello, world\""));
    cases.add(upper("\"héllo wörld ñ 中文 😀\""));
    cases.add(upper("\"\""));
    cases.add(upper("\"" + "abc".repeat(2000) + "\""));
    // every primitive, with its edge values
    cases.add(abi("id-bool", "true"));
    cases.add(abi("id-bool", "false"));
    for (String v : List.of("0", "-1", "-128", "127")) {
      cases.add(abi("id-s8", v));
    }
    for (String v : List.of("0", "255")) {
      cases.add(abi("id-u8", v));
    }
    for (String v : List.of("-1", "-32768", "32767")) {
      cases.add(abi("id-s16", v));
    }
    for (String v : List.of("0", "65535")) {
      cases.add(abi("id-u16", v));
    }
    for (String v : List.of("0", "-1", "-2147483648", "2147483647")) {
      cases.add(abi("id-s32", v));
    }
    for (String v : List.of("0", "4294967295", "2147483648")) {
      cases.add(abi("id-u32", v));
    }
    for (String v : List.of("0", "-1", "-9223372036854775808", "9223372036854775807")) {
      cases.add(abi("id-s64", v));
    }
    for (String v : List.of("0", "18446744073709551615", "9223372036854775808")) {
      cases.add(abi("id-u64", v));
    }
    for (String v :
        List.of("0", "-0", "1.5", "0.1", "-3.4028235e38", "1.4e-45", "nan", "inf", "-inf")) {
      cases.add(abi("id-f32", v));
    }
    for (String v :
        List.of(
            "0",
            "-0",
            "3.141592653589793",
            "0.1",
            "1e300",
            "-1.7976931348623157e308",
            "5e-324",
            "nan",
            "inf",
            "-inf")) {
      cases.add(abi("id-f64", v));
    }
    for (String v :
        List.of(
            "'a'",
            "'\\u{0}'",
            "'é'",
            "'\\u{d7ff}'",
            "'\\u{e000}'",
            "'\\u{ffff}'",
            "'\\u{10000}'",
            "'\\u{10ffff}'",
            "'😀'")) {
      cases.add(abi("id-char", v));
    }
    cases.add(abi("id-enum", "red"));
    cases.add(abi("id-enum", "blue"));
    cases.add(abi("id-f3", "{}"));
    cases.add(abi("id-f3", "{a, c}"));
    cases.add(abi("id-f3", "{a, b, c}"));
    cases.add(abi("id-f20", "{f0, f9, f19}"));
    cases.add(abi("id-f20", "{}"));
    // results that wrap small integers (lift keeps the low bits) and a NaN (canonicalised)
    cases.add(abiKnown(JCO_NO_WRAP, "neg1-u8"));
    cases.add(abi("neg1-s8"));
    cases.add(abiKnown(JCO_NO_WRAP, "neg1-u16"));
    cases.add(abi("neg1-s16"));
    cases.add(abi("neg1-u32"));
    cases.add(abiKnown(JCO_STRICT_BOOL, "neg1-bool"));
    cases.add(abi("nan"));
    // strings and lists
    cases.add(abi("echo-string", "\"\""));
    cases.add(abi("echo-string", "\"aé中😀\\u{0}z\""));
    cases.add(abi("echo-string", "\"quote \\\" backslash \\\\ tab \\t newline \\n\""));
    cases.add(abi("utf8-units", "\"aé中😀\""));
    cases.add(abi("utf16-units", "\"aé中😀\""));
    cases.add(abi("utf16-echo", "\"aé中😀\""));
    cases.add(abi("utf16-echo", "\"\""));
    cases.add(abi("echo-bytes", "[]"));
    cases.add(abi("echo-bytes", "[0, 1, 127, 128, 255]"));
    cases.add(
        abi(
            "echo-bytes",
            IntStream.range(0, 70_000)
                .mapToObj(i -> Integer.toString(i * 7 & 0xff))
                .collect(Collectors.joining(", ", "[", "]"))));
    cases.add(abi("echo-f64s", "[]"));
    cases.add(abi("echo-f64s", "[0, -0, 1.5, nan, inf, -inf, 1e-300]"));
    cases.add(
        abi(
            "echo-f64s",
            IntStream.range(0, 1000)
                .mapToObj(i -> Double.toString(i / 3.0))
                .collect(Collectors.joining(", ", "[", "]"))));
    // records, variants, options, results, tuples, nested
    cases.add(abi("nested-const"));
    cases.add(abi("echo-nested", "[]"));
    cases.add(abi("echo-nested", NESTED));
    cases.add(abi("variant-case", "a(1.5)"));
    cases.add(abi("variant-case", "d(\"x\")"));
    cases.add(abi("variant-slot", "a(1.5)"));
    cases.add(abi("variant-slot", "b(18446744073709551614)"));
    cases.add(abi("variant-slot", "c(1.5)"));
    cases.add(abi("variant-slot", "c(-0)"));
    cases.add(abi("echo-option", "none"));
    cases.add(abi("echo-option", "some(\"\")"));
    cases.add(abi("echo-option", "some(\"opt ✓\")"));
    cases.add(abi("echo-result", "ok(0)"));
    cases.add(abi("echo-result", "ok(4294967295)"));
    cases.add(abi("echo-result", "err(\"nope ✗\")"));
    cases.add(abi("echo-result", "err(\"\")"));
    cases.add(
        abi(
            "sum17",
            IntStream.rangeClosed(1, 17).mapToObj(Integer::toString).toArray(String[]::new)));
    cases.add(
        abi(
            "sum17",
            IntStream.rangeClosed(1, 17).mapToObj(i -> "4294967295").toArray(String[]::new)));
    cases.add(
        abi(
            "echo-many",
            "true",
            "-5",
            "200",
            "-1234",
            "54321",
            "-123456789",
            "3000000000",
            "-1099511627776",
            "18364758544493064720",
            "2.25",
            "-0",
            "'λ'",
            "\"spilled ✓\"",
            "[1, 2, 3]",
            "{b}",
            "green",
            "some(77)",
            "err(\"nope\")",
            "(9, 1e300)",
            "{f1, f18}",
            NESTED));
    cases.add(
        abi(
            "echo-many",
            "false",
            "-128",
            "0",
            "-32768",
            "0",
            "-2147483648",
            "0",
            "-9223372036854775808",
            "0",
            "nan",
            "-inf",
            "'\\u{10ffff}'",
            "\"\"",
            "[]",
            "{}",
            "red",
            "none",
            "ok(0)",
            "(255, nan)",
            "{}",
            "[]"));
    // lists of numbers, moved in bulk by Brio: every width, extremes, NaN and -0, empty
    cases.add(abi("echo-u16s", "[0, 1, 65535]"));
    cases.add(abi("echo-s16s", "[-32768, -1, 7]"));
    cases.add(abi("echo-u32s", "[0, 4294967295, 305419896]"));
    cases.add(abi("echo-u32s", "[]"));
    cases.add(abi("echo-s32s", "[-2147483648, 5]"));
    cases.add(abi("echo-u64s", "[0, 18446744073709551615]"));
    cases.add(abi("echo-s64s", "[-9223372036854775808, 1]"));
    cases.add(abi("echo-f32s", "[1.5, -0, nan, inf]"));
    cases.add(abi("echo-f64s", "[3.141592653589793, -inf, nan]"));
    // traps: a guest handing back an invalid value
    cases.add(abiKnown(JCO_LENIENT_STRINGS, "bad-utf8"));
    cases.add(abi("oob-string"));
    cases.add(abiKnown(JCO_UNALIGNED_RESULTS, "misaligned-return"));
    cases.add(abi("misaligned-list"));
    cases.add(abi("bad-option"));
    cases.add(abi("bad-enum"));
    cases.add(abi("surrogate-char"));
    cases.add(abi("beyond-char"));
    cases.add(abiKnown(JCO_UNCHECKED_LIST_LENGTH, "long-list"));
    cases.add(abiKnown(JCO_LENIENT_STRINGS, "lone-surrogate"));
    cases.add(abi("misaligned-utf16"));
    // a call after the traps still works (both hosts instantiate afresh after a trap)
    cases.add(abi("echo-string", "\"after the traps\""));
    // one component instantiated twice: two resource types, each with its own destructor
    cases.add(instances("same-instance", "7"));
    cases.add(instances("a#dropped"));
    cases.add(instances("cross-call", "3"));
    cases.add(new Case("resource-instances", "cross-drop", List.of("3"), JCO_UNTYPED_DROP));
    cases.add(instances("drop-each", "10"));
    cases.add(instances("a#last"));
    cases.add(instances("b#dropped"));
    cases.add(instances("b#last"));
    return cases;
  }

  @Test
  void brioAgreesWithJco() throws Exception {
    List<Check> checks = new ArrayList<>(cases());
    checks.addAll(ResourceSequences.sequences());
    List<String> input = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    for (Check check : checks) {
      switch (check) {
        case Case c -> {
          ComponentInstance inst = shared.computeIfAbsent(c.component(), this::instantiate);
          Prepared p = prepare(inst, c.function(), c.args(), null);
          input.add("{\"component\":" + jsonString(c.component()) + "," + p.json() + "}");
          Outcome o = run(p, c.args(), null, Map.of());
          if (o.trapped()) {
            shared.remove(c.component());
          }
          lines.add(new Line(c, "", o.line()));
        }
        case Sequence s -> input.add(runSequence(s, lines));
      }
    }

    List<String> jco = runNode("[" + String.join(",\n", input) + "]");
    assertEquals(lines.size(), jco.size(), "node printed one line per call or step");

    List<String> mismatches = new ArrayList<>();
    Map<Check, List<String>> differences = new LinkedHashMap<>();
    int agreed = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      String b = l.brio();
      String j = jco.get(i);
      String report =
          "  " + l.check() + l.label() + "\n    brio: " + clip(b) + "\n    jco:  " + clip(j);
      boolean same = b.equals(j) || (isTrap(b) && isTrap(j));
      List<String> differing = differences.computeIfAbsent(l.check(), c -> new ArrayList<>());
      if (!same) {
        differing.add(report);
      }
      if (l.check().knownDifference() == null) {
        if (same) {
          agreed++;
        } else {
          mismatches.add("mismatch:\n" + report);
        }
      }
    }
    long known = 0;
    for (Map.Entry<Check, List<String>> e : differences.entrySet()) {
      Check c = e.getKey();
      if (c.knownDifference() == null) {
        continue;
      }
      known++;
      if (e.getValue().isEmpty()) {
        mismatches.add(
            "marked as a known difference, but the hosts now agree (remove the mark):\n  " + c);
      } else {
        System.out.println(
            "known difference (" + c.knownDifference() + "):\n" + String.join("\n", e.getValue()));
      }
    }
    System.out.println(
        "differential: "
            + checks.size()
            + " cases ("
            + lines.size()
            + " calls and drops), "
            + agreed
            + " lines agree, "
            + known
            + " known differences");
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + lines.size() + " lines:\n" + String.join("\n", mismatches));
    }
  }

  /** One line both hosts print, for one call or step of {@code check}; Brio's side of it. */
  private record Line(Check check, String label, String brio) {}

  /** A call's function and arguments, and its fields in differential.mjs's case format. */
  private record Prepared(ComponentFunction function, List<Value> args, String json) {}

  /** What a call or drop printed, and whether it trapped. */
  private record Outcome(String line, boolean trapped) {}

  private static final String SKIPPED = "{\"skipped\":\"after a trap\"}";

  private final Map<String, Component> parsed = new HashMap<>();
  private final Map<String, ComponentInstance> shared = new HashMap<>();

  private ComponentInstance instantiate(String component) {
    try {
      Component c = parsed.get(component);
      if (c == null) {
        c = Fixtures.parse(component);
        parsed.put(component, c);
      }
      return new Linker().instantiate(c);
    } catch (Exception e) {
      throw new AssertionError("cannot instantiate " + component, e);
    }
  }

  /**
   * Runs a sequence's steps on fresh instances, one per name, until a trap; adds a line per step
   * and returns the sequence in differential.mjs's case format.
   */
  private String runSequence(Sequence s, List<Line> lines) throws WaveException {
    Map<String, ComponentInstance> instances = new HashMap<>();
    Map<String, OwnValue> handles = new HashMap<>();
    List<String> steps = new ArrayList<>();
    boolean trapped = false;
    for (int i = 0; i < s.steps().size(); i++) {
      Step step = s.steps().get(i);
      ComponentInstance inst =
          instances.computeIfAbsent(step.instance(), n -> instantiate(s.component()));
      String at = "{\"instance\":" + jsonString(step.instance()) + ",";
      Outcome o;
      switch (step) {
        case Drop d -> {
          steps.add(at + "\"drop\":" + jsonString(d.handle()) + "}");
          o = trapped ? null : drop(inst, handles, d.handle());
        }
        case Call c -> {
          Prepared p = prepare(inst, c.function(), c.args(), c.bind());
          steps.add(at + p.json() + "}");
          o = trapped ? null : run(p, c.args(), c.bind(), handles);
        }
      }
      lines.add(new Line(s, "\n    step " + (i + 1) + ": " + step, o == null ? SKIPPED : o.line()));
      trapped = trapped || o.trapped();
    }
    return "{\"component\":"
        + jsonString(s.component())
        + ",\"steps\":[\n  "
        + String.join(",\n  ", steps)
        + "]}";
  }

  /**
   * Looks a function up and parses its WAVE arguments; an own or borrow parameter's argument is the
   * name of a bound handle, found when the call runs.
   */
  private static Prepared prepare(
      ComponentInstance inst, String function, List<String> args, String bind)
      throws WaveException {
    ComponentFunction f =
        inst.function(function).orElseThrow(() -> new AssertionError("Brio has no " + function));
    FuncType type = f.type();
    assertEquals(type.params().size(), args.size(), "arguments of " + function);
    List<Value> values = new ArrayList<>();
    List<String> jsonArgs = new ArrayList<>();
    List<String> jsonParams = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      ValueType pt = type.params().get(i).type();
      jsonParams.add(jsonType(pt));
      if (isHandle(pt)) {
        values.add(null);
        jsonArgs.add("{\"handle\":" + jsonString(args.get(i)) + "}");
      } else {
        Value v = Wave.parse(args.get(i), pt);
        values.add(v);
        jsonArgs.add(json(v, pt));
      }
    }
    String json =
        "\"function\":"
            + jsonString(function)
            + ",\"params\":["
            + String.join(",", jsonParams)
            + "],\"result\":"
            + type.result().map(DifferentialTest::jsonType).orElse("null")
            + ",\"args\":["
            + String.join(",", jsonArgs)
            + "]"
            + (bind == null ? "" : ",\"bind\":" + jsonString(bind));
    return new Prepared(f, values, json);
  }

  /** Calls a prepared function; a handle result is bound to {@code bind}. */
  private static Outcome run(
      Prepared p, List<String> args, String bind, Map<String, OwnValue> handles) {
    FuncType type = p.function().type();
    List<Value> values = new ArrayList<>(p.args());
    for (int i = 0; i < values.size(); i++) {
      ValueType pt = type.params().get(i).type();
      if (isHandle(pt)) {
        OwnValue h = handles.get(args.get(i));
        if (h == null) {
          throw new AssertionError("no handle is bound to " + args.get(i));
        }
        values.set(i, pt instanceof BorrowType ? new BorrowValue(h.handle()) : h);
      }
    }
    Optional<Value> r;
    try {
      r = p.function().call(values);
    } catch (Trap t) {
      return new Outcome("{\"trap\":" + jsonString(t.getMessage()) + "}", true);
    }
    if (r.isEmpty()) {
      return new Outcome("{\"ok\":null}", false);
    }
    ValueType rt = type.result().orElseThrow();
    if (isHandle(rt)) {
      if (bind == null) {
        throw new AssertionError(p.function().name() + " returns a handle: the step needs a bind");
      }
      handles.put(bind, (OwnValue) r.get());
      return new Outcome("{\"ok\":{\"handle\":" + jsonString(bind) + "}}", false);
    }
    return new Outcome("{\"ok\":" + json(r.get(), rt) + "}", false);
  }

  /** The host drops a bound handle: the destructor runs (ComponentInstance.drop). */
  private static Outcome drop(ComponentInstance inst, Map<String, OwnValue> handles, String name) {
    OwnValue h = handles.get(name);
    if (h == null) {
      throw new AssertionError("no handle is bound to " + name);
    }
    try {
      inst.drop(h);
      return new Outcome("{\"ok\":null}", false);
    } catch (Trap t) {
      return new Outcome("{\"trap\":" + jsonString(t.getMessage()) + "}", true);
    }
  }

  private static boolean isHandle(ValueType t) {
    return t instanceof OwnType || t instanceof BorrowType;
  }

  private static boolean isTrap(String line) {
    return line.startsWith("{\"trap\":");
  }

  private static String clip(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " chars)";
  }

  /** Runs every case in one node process; its stdout lines. */
  private static List<String> runNode(String cases) throws IOException, InterruptedException {
    Path fixtures = Fixtures.dir().toAbsolutePath();
    // target/fixtures → the repository's components/fixtures/differential.mjs
    Path script =
        Path.of(
            System.getProperty(
                "brio.differential.script",
                fixtures
                    .getParent()
                    .getParent()
                    .getParent()
                    .getParent()
                    .resolve("components/fixtures/differential.mjs")
                    .toString()));
    if (!Files.isRegularFile(script)) {
      fail("differential.mjs not found at " + script);
    }
    Path out = fixtures.getParent().resolve("differential");
    Files.createDirectories(out);
    // the cases stay in a file, to rerun by hand: node differential.mjs <fixtures> <out> <cases>
    Path input = Files.writeString(out.resolve("cases.json"), cases, StandardCharsets.UTF_8);
    Path stderr = out.resolve("node-stderr.txt");
    Process node;
    try {
      node =
          new ProcessBuilder(
                  "node", script.toString(), fixtures.toString(), out.toString(), input.toString())
              .redirectError(stderr.toFile())
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "the differential test needs node (with components/node_modules installed) on PATH: "
              + e.getMessage(),
          e);
    }
    node.getOutputStream().close();
    String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("node differential.mjs did not finish in 60 s");
    }
    if (node.exitValue() != 0) {
      fail(
          "node differential.mjs failed (exit "
              + node.exitValue()
              + "):\n"
              + Files.readString(stderr));
    }
    return stdout.lines().toList();
  }

  // ---- the JSON encoding of differential.mjs, Brio's side ----

  /** A value type as differential.mjs reads it. */
  static String jsonType(ValueType t) {
    return switch (t) {
      case PrimitiveType p -> jsonString(p.witName());
      case ListType l -> "{\"list\":" + jsonType(l.element()) + "}";
      case TupleType tt ->
          tt.elements().stream()
              .map(DifferentialTest::jsonType)
              .collect(Collectors.joining(",", "{\"tuple\":[", "]}"));
      case RecordType r ->
          r.fields().stream()
              .map(f -> "[" + jsonString(f.name()) + "," + jsonType(f.type()) + "]")
              .collect(Collectors.joining(",", "{\"record\":[", "]}"));
      case VariantType v ->
          v.cases().stream()
              .map(
                  c ->
                      "["
                          + jsonString(c.name())
                          + ","
                          + c.payload().map(DifferentialTest::jsonType).orElse("null")
                          + "]")
              .collect(Collectors.joining(",", "{\"variant\":[", "]}"));
      case EnumType e ->
          e.cases().stream()
              .map(DifferentialTest::jsonString)
              .collect(Collectors.joining(",", "{\"enum\":[", "]}"));
      case FlagsType f ->
          f.names().stream()
              .map(DifferentialTest::jsonString)
              .collect(Collectors.joining(",", "{\"flags\":[", "]}"));
      case OptionType o -> "{\"option\":" + jsonType(o.payload()) + "}";
      case ResultType r ->
          "{\"result\":["
              + r.ok().map(DifferentialTest::jsonType).orElse("null")
              + ","
              + r.error().map(DifferentialTest::jsonType).orElse("null")
              + "]}";
      case OwnType o -> "{\"own\":" + jsonString(o.resource().hint()) + "}";
      case BorrowType b -> "{\"borrow\":" + jsonString(b.resource().hint()) + "}";
      default -> throw new IllegalArgumentException("no JSON encoding for " + t);
    };
  }

  /** A value in differential.mjs's encoding, printed as JSON.stringify prints it. */
  static String json(Value v, ValueType t) {
    return switch (v) {
      case BoolValue b -> Boolean.toString(b.value());
      case S8Value s -> Integer.toString(s.value());
      case U8Value u -> Integer.toString(u.value());
      case S16Value s -> Integer.toString(s.value());
      case U16Value u -> Integer.toString(u.value());
      case S32Value s -> Integer.toString(s.value());
      case U32Value u -> Long.toString(u.value());
      case S64Value s -> jsonString(Long.toString(s.value()));
      case U64Value u -> jsonString(Long.toUnsignedString(u.bits()));
      case F32Value f -> jsonString(floatText(f.value()));
      case F64Value f -> jsonString(floatText(f.value()));
      case CharValue c -> jsonString(Character.toString(c.codePoint()));
      case StringValue s -> jsonString(s.value());
      case ListValue l -> {
        ValueType et = ((ListType) t).element();
        yield l.elements().stream()
            .map(e -> json(e, et))
            .collect(Collectors.joining(",", "[", "]"));
      }
      case TupleValue tv -> {
        List<ValueType> ets = ((TupleType) t).elements();
        yield IntStream.range(0, ets.size())
            .mapToObj(i -> json(tv.elements().get(i), ets.get(i)))
            .collect(Collectors.joining(",", "[", "]"));
      }
      case RecordValue r -> {
        List<RecordType.Field> fts = ((RecordType) t).fields();
        yield IntStream.range(0, fts.size())
            .mapToObj(
                i ->
                    jsonString(fts.get(i).name())
                        + ":"
                        + json(r.fields().get(i).value(), fts.get(i).type()))
            .collect(Collectors.joining(",", "{", "}"));
      }
      case VariantValue vv -> {
        VariantType vt = (VariantType) t;
        Optional<ValueType> pt = vt.cases().get(vt.indexOf(vv.caseName())).payload();
        yield tagged(vv.caseName(), vv.payload(), pt);
      }
      case EnumValue e -> jsonString(e.caseName());
      case FlagsValue f ->
          ((FlagsType) t)
              .names().stream()
                  .filter(f.set()::contains)
                  .map(DifferentialTest::jsonString)
                  .collect(Collectors.joining(",", "[", "]"));
      case OptionValue o ->
          tagged(
              o.value().isPresent() ? "some" : "none",
              o.value(),
              Optional.of(((OptionType) t).payload()));
      case ResultValue r -> {
        ResultType rt = (ResultType) t;
        yield tagged(r.isOk() ? "ok" : "err", r.payload(), r.isOk() ? rt.ok() : rt.error());
      }
      default -> throw new IllegalArgumentException("no JSON encoding for " + v);
    };
  }

  private static String tagged(String tag, Optional<Value> payload, Optional<ValueType> type) {
    return payload.isEmpty()
        ? "{\"tag\":" + jsonString(tag) + "}"
        : "{\"tag\":"
            + jsonString(tag)
            + ",\"val\":"
            + json(payload.get(), type.orElseThrow())
            + "}";
  }

  /**
   * A float as JS's {@code toExponential()} prints the double (an f32 widened): the shortest
   * decimal that round-trips, which {@link Double#toString} also finds (JDK 19+).
   */
  static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    // Java prints two digits where one would do but two are closer (4.9E-324); JS prints one
    if (bd.precision() == 2) {
      BigDecimal one = bd.round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(one.toString()) == d) {
        bd = one.stripTrailingZeros();
      }
    }
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    return sb.append('e').append(exp >= 0 ? '+' : '-').append(Math.abs(exp)).toString();
  }

  /** A JSON string as JSON.stringify writes it. */
  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          boolean loneSurrogate =
              Character.isHighSurrogate(c)
                  ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                  : Character.isLowSurrogate(c)
                      && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void floatsPrintLikeJavaScript() {
    assertEquals("1.5e+0", floatText(1.5));
    assertEquals("1e+300", floatText(1e300));
    assertEquals("-5e-324", floatText(-Double.MIN_VALUE));
    assertEquals("1.0000000149011612e-1", floatText(0.1f));
    assertEquals("-0", floatText(-0.0));
    assertEquals("\"a\\\"\\u0000\\n中\"", jsonString("a\"\u0000\n中"));
  }
}
