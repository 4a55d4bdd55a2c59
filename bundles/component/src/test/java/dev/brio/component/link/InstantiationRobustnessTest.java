package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.types.FuncType;
import dev.brio.component.values.StringValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Byte-mutated fixtures that still parse are instantiated (and their first export called): each
 * ends in a result, a {@link LinkException}, a {@link Trap} or a host-side argument error, never
 * another exception or a hang.
 */
class InstantiationRobustnessTest {
  private static final int MUTATIONS_PER_FIXTURE = 1500;

  @Test
  void mutatedComponentsFailCleanly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          SplittableRandom random = new SplittableRandom(42);
          int instantiated = 0;
          for (String name : List.of("upper", "abi", "host", "res", "blobs", "compose")) {
            byte[] original = Fixtures.bytes(name);
            for (int i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
              byte[] bytes = original.clone();
              int flips = 1 + random.nextInt(3);
              for (int k = 0; k < flips; k++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
              }
              Component c;
              try {
                c = ComponentParser.parse(bytes);
              } catch (ComponentFormatException e) {
                continue;
              }
              if (tryInstantiate(c, name + " mutation " + i)) {
                instantiated++;
              }
            }
          }
          assertTrue(instantiated > 0, "no mutation instantiated");
        });
  }

  private static boolean tryInstantiate(Component c, String what) {
    Linker linker =
        new Linker()
            .define("poke", new FuncType(List.of(), Optional.empty()), args -> Optional.empty());
    try {
      ComponentInstance instance = linker.instantiate(c);
      for (String export : instance.exportNames()) {
        if (instance.function(export).isPresent()
            && instance.function(export).get().type().params().size() == 1) {
          instance.call(export, List.of(new StringValue("x")), Duration.ofSeconds(2));
        }
      }
      return true;
    } catch (LinkException | Trap | IllegalArgumentException | CallInterruptedException e) {
      return false;
    } catch (Throwable t) {
      throw new AssertionError(what + ": " + t, t);
    }
  }
}
