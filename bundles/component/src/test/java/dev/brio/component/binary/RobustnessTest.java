package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Truncated and byte-mutated fixtures: each parse ends in a ComponentFormatException or a clean
 * result, never another exception, an OOM or a hang.
 */
class RobustnessTest {
  private static final int MUTATIONS_PER_FIXTURE = 3000;

  /** Parses; any throwable other than the typed exception fails with the input's description. */
  private static boolean parsesCleanly(byte[] input, String what) {
    try {
      ComponentParser.parse(input);
      return true;
    } catch (ComponentFormatException e) {
      assertTrue(e.offset() >= 0 && e.offset() <= input.length, what + ": offset " + e.offset());
      return false;
    } catch (Throwable t) {
      throw new AssertionError(what + ": " + t, t);
    }
  }

  @Test
  void everyTruncationEndsInTheTypedExceptionOrAShorterComponent() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          int cuts = 0;
          int errors = 0;
          for (String name : Fixtures.all()) {
            byte[] bytes = Fixtures.bytes(name);
            for (int len = 0; len < bytes.length; len++) {
              cuts++;
              // a cut exactly between two sections is a valid, shorter component
              if (!parsesCleanly(java.util.Arrays.copyOf(bytes, len), name + " cut to " + len)) {
                errors++;
              }
            }
          }
          assertTrue(errors > cuts * 9 / 10, errors + " of " + cuts + " cuts rejected");
        });
  }

  @Test
  void truncationInsideTheFirstSectionIsAnError() throws Exception {
    byte[] bytes = Fixtures.bytes("upper");
    for (int len = 0; len < 20; len++) {
      byte[] cut = java.util.Arrays.copyOf(bytes, len);
      if (len != 8 && parsesCleanly(cut, "upper cut to " + len)) {
        fail("upper cut to " + len + " bytes parsed");
      }
    }
  }

  @Test
  void seededMutationsFailWithTheTypedExceptionOrParse() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          var random = new SplittableRandom(0xB21_0C0DEL);
          int clean = 0;
          int total = 0;
          for (String name : Fixtures.all()) {
            byte[] original = Fixtures.bytes(name);
            for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
              byte[] m = original.clone();
              int edits = 1 + random.nextInt(4);
              StringBuilder what = new StringBuilder(name);
              for (int e = 0; e < edits; e++) {
                int at = 8 + random.nextInt(m.length - 8);
                int value =
                    switch (random.nextInt(4)) {
                      case 0 -> random.nextInt(256); // any byte
                      case 1 -> 0xff; // long LEB continuation / large numbers
                      case 2 -> m[at] ^ (1 << random.nextInt(8)); // one bit
                      default -> m[at] + (random.nextBoolean() ? 1 : -1); // off by one
                    };
                m[at] = (byte) value;
                what.append(" @").append(at).append('=').append(value & 0xff);
              }
              total++;
              if (parsesCleanly(m, what.toString())) {
                clean++;
              }
            }
          }
          assertTrue(clean < total, "some mutations must be caught: " + clean + "/" + total);
        });
  }

  @Test
  void randomBytesAfterAValidPreamble() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          var random = new SplittableRandom(42);
          for (int i = 0; i < 3000; i++) {
            byte[] m = new byte[8 + random.nextInt(64)];
            random.nextBytes(m);
            System.arraycopy(Bin.component().toBytes(), 0, m, 0, 8);
            parsesCleanly(m, "random #" + i);
          }
        });
  }
}
