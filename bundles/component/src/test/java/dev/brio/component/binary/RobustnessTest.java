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

  /**
   * Fixtures up to this size are cut at every byte and mutated {@value #MUTATIONS_PER_FIXTURE}
   * times.
   */
  private static final int EXHAUSTIVE_BYTES = 16 * 1024;

  /** How many cut points and mutations a larger (toolchain-built) fixture gets. */
  private static final int SAMPLES_OF_LARGE = 300;

  /**
   * A hang detector, not a speed limit: generous, because CI machines may be loaded. The work is
   * bounded by the sampling above, not by the fixtures' growth.
   */
  private static final Duration HANG = Duration.ofSeconds(180);

  /**
   * Where to cut a fixture: every byte of a small one; of a large one (C and JavaScript components
   * of 70 KiB and more, where every byte would be quadratic), the first 256 bytes (preamble and
   * first section headers) and a seeded sample of the rest.
   */
  private static int[] cutPoints(byte[] bytes, SplittableRandom random) {
    if (bytes.length <= EXHAUSTIVE_BYTES) {
      return java.util.stream.IntStream.range(0, bytes.length).toArray();
    }
    return java.util.stream.IntStream.concat(
            java.util.stream.IntStream.range(0, 256),
            random.ints(SAMPLES_OF_LARGE, 256, bytes.length))
        .sorted()
        .distinct()
        .toArray();
  }

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
        HANG,
        () -> {
          var random = new SplittableRandom(7);
          int cuts = 0;
          int errors = 0;
          for (String name : Fixtures.all()) {
            byte[] bytes = Fixtures.bytes(name);
            for (int len : cutPoints(bytes, random)) {
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
        HANG,
        () -> {
          var random = new SplittableRandom(0xB21_0C0DEL);
          int clean = 0;
          int total = 0;
          for (String name : Fixtures.all()) {
            byte[] original = Fixtures.bytes(name);
            int mutations =
                original.length <= EXHAUSTIVE_BYTES ? MUTATIONS_PER_FIXTURE : SAMPLES_OF_LARGE;
            for (int i = 0; i < mutations; i++) {
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
        HANG,
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
