package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.StringValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A guest calling another guest (compose.wat): UTF-16 caller, UTF-8 callee. */
class ComposeTest {
  @Test
  void stringsAreTranscodedBetweenGuests() throws Exception {
    ComponentInstance composed = new Linker().instantiate(Fixtures.parse("compose"));
    assertEquals(
        Optional.of(new StringValue("HéLLO WöRLD 😀")),
        composed.call("shout", new StringValue("héllo wörld 😀")));
    assertEquals(Optional.of(new StringValue("")), composed.call("shout", new StringValue("")));
  }
}
