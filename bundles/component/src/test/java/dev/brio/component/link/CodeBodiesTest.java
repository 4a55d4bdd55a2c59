package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.brio.component.binary.ByteSlice;
import dev.brio.component.binary.Definition;
import dev.brio.component.binary.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Core modules reduced to the bodies a cached load needs. */
class CodeBodiesTest {
  @Test
  void keepsTheAskedBodiesAndStubsTheRest() throws Exception {
    // host.wat's main module imports two functions: `run` is function 2, `twice` function 4
    ByteSlice main = Fixtures.parse("host").definitions(Definition.CoreModule.class).get(1).bytes();
    WasmModule full = Parser.parse(main.toByteArray());
    byte[] reduced = CodeBodies.keepOnly(main, Set.of(4));
    assertNotNull(reduced);
    WasmModule stubbed =
        Parser.builder().withValidation(false).build().parse(() -> stream(reduced));
    int count = full.codeSection().functionBodyCount();
    assertEquals(count, stubbed.codeSection().functionBodyCount());
    assertEquals(
        full.codeSection().getFunctionBody(2).instructions().size(),
        stubbed.codeSection().getFunctionBody(2).instructions().size(),
        "twice (defined function 2) is kept");
    for (int i : new int[] {0, 1}) {
      var body = stubbed.codeSection().getFunctionBody(i).instructions();
      assertEquals(OpCode.UNREACHABLE, body.getFirst().opcode(), "defined function " + i);
    }
    assertEquals(full.exportSection().exportCount(), stubbed.exportSection().exportCount());
  }

  @Test
  void aModuleItCannotReadIsLeftToTheFullParse() {
    byte[] truncated = Fixtures.bytes("upper");
    assertNull(CodeBodies.keepOnly(new ByteSlice(truncated, 0, 20), Set.of()));
  }

  private static InputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
