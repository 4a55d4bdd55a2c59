package dev.brio.component.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mutated WAVE text ends in a WaveException or a value that prints back to parseable text. */
class WaveFuzzTest {
  private static final ValueType TYPE =
      new ListType(
          new RecordType(
              List.of(
                  new RecordType.Field("a", new OptionType(PrimitiveType.F64)),
                  new RecordType.Field(
                      "b",
                      new VariantType(
                          List.of(
                              new VariantType.Case("x", Optional.of(PrimitiveType.STRING)),
                              new VariantType.Case("y", Optional.empty())))),
                  new RecordType.Field(
                      "c", new TupleType(List.of(PrimitiveType.CHAR, PrimitiveType.S8))),
                  new RecordType.Field(
                      "d",
                      new ResultType(
                          Optional.of(new EnumType(List.of("p", "q"))),
                          Optional.of(new FlagsType(List.of("r", "s"))))))));
  private static final String SEED_TEXT =
      "[{a: some(1.5e3), b: x(\"h\\u{e9}llo \\\"w\\\"\"), c: ('\\n', -8), d: ok(q)},"
          + " {b: y, c: ('😀', 127), d: err({r, s})}, {a: nan, b: %y, c: ('x', 0), d: p}]";
  private static final String ALPHABET = "[]{}()'\",:%-+.0123456789eEnaifsomkrtuxy \\\n/😀";

  @Test
  void mutatedTextNeverThrowsAnythingElse() throws Exception {
    Value seed = Wave.parse(SEED_TEXT, TYPE);
    assertEquals(seed, Wave.parse(Wave.print(seed), TYPE));
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          var random = new SplittableRandom(2024);
          int[] alphabet = ALPHABET.codePoints().toArray();
          for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder(SEED_TEXT);
            for (int e = 1 + random.nextInt(3); e > 0 && !s.isEmpty(); e--) {
              int at = random.nextInt(s.length());
              switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 ->
                    s.insert(at, Character.toChars(alphabet[random.nextInt(alphabet.length)]));
                default -> s.setLength(at);
              }
            }
            try {
              Value v = Wave.parse(s.toString(), TYPE);
              assertEquals(v, Wave.parse(Wave.print(v), TYPE), s.toString());
            } catch (WaveException expected) {
              // the typed error: fine
            } catch (RuntimeException e) {
              throw new AssertionError("'" + s + "': " + e, e);
            }
          }
        });
  }
}
