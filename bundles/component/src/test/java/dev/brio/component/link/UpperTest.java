package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.component.values.Wave;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpperTest {
  @Test
  void upperThroughChicory() throws Exception {
    ComponentInstance instance = new Linker().instantiate(Fixtures.parse("upper"));
    assertEquals(Optional.of(new StringValue("HI")), instance.call("upper", new StringValue("hi")));
  }

  @Test
  void repeatedCallsReuseTheAllocatorAfterPostReturn() throws Exception {
    ComponentInstance instance = new Linker().instantiate(Fixtures.parse("upper"));
    for (int i = 0; i < 100; i++) {
      Optional<Value> r = instance.call("upper", new StringValue("héllo wörld " + i));
      assertEquals(Optional.of(new StringValue("HéLLO WöRLD " + i)), r);
    }
  }

  @Test
  void aWaveCall() throws Exception {
    ComponentInstance instance = new Linker().instantiate(Fixtures.parse("upper"));
    assertEquals("\"HÉ\"", Wave.print(instance.invoke("upper(\"hÉ\")").orElseThrow()));
  }
}
