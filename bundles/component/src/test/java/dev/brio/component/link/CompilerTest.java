package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.StringValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same components on Chicory's runtime compiler. */
class CompilerTest {
  private static final Engine COMPILED =
      Engine.builder().machines(MachineFactoryCompiler::compile).build();

  @Test
  void upperCompiled() throws Exception {
    ComponentInstance upper = new Linker(COMPILED).instantiate(Fixtures.parse("upper"));
    assertEquals(Optional.of(new StringValue("HI")), upper.call("upper", new StringValue("hi")));
  }

  @Test
  void nestedValuesAndTrapsCompiled() throws Exception {
    ComponentInstance abi = new Linker(COMPILED).instantiate(Fixtures.parse("abi"));
    assertEquals(Optional.of(AbiTest.NESTED), abi.call("echo-nested", AbiTest.NESTED));
    Trap t = assertThrows(Trap.class, () -> abi.call("bad-utf8"));
    assertTrue(t.getMessage().contains("invalid UTF-8"));
  }

  @Test
  void aDeadlineStopsCompiledCode() throws Exception {
    ComponentInstance abi = new Linker(COMPILED).instantiate(Fixtures.parse("abi"));
    assertThrows(
        CallInterruptedException.class, () -> abi.call("spin", List.of(), Duration.ofMillis(200)));
    assertEquals(
        Optional.of(new StringValue("ok")), abi.call("echo-string", new StringValue("ok")));
  }
}
