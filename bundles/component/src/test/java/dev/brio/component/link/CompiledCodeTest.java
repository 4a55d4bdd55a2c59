package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The form compiled code takes in the cache. */
class CompiledCodeTest {
  private static final CompiledCode CODE =
      CompiledCode.of(
          "a/Machine",
          Map.of("a/Machine", new byte[] {1, 2, 3}, "a/Group_0", new byte[] {4, 5}),
          Set.of(7, 3));

  @Test
  void readBackItIsTheSameCodeWithClassesInTheEntrysArray() throws IOException {
    byte[] entry = CODE.serialize();
    CompiledCode read = CompiledCode.deserialize(entry);
    assertEquals(CODE.mainClass(), read.mainClass());
    assertEquals(CODE.interpreted(), read.interpreted());
    assertEquals(CODE.classes().keySet(), read.classes().keySet());
    CODE.classes()
        .forEach(
            (name, bytes) -> {
              var slice = read.classes().get(name);
              assertSame(entry, slice.source(), name + " is not copied");
              assertArrayEquals(bytes.toByteArray(), slice.toByteArray(), name);
            });
  }

  @Test
  void aShortOrLongEntryDoesNotRead() {
    byte[] entry = CODE.serialize();
    for (int length : new int[] {0, 5, entry.length - 1, entry.length + 1}) {
      byte[] damaged = Arrays.copyOf(entry, length);
      assertThrows(IOException.class, () -> CompiledCode.deserialize(damaged), "length " + length);
    }
  }
}
