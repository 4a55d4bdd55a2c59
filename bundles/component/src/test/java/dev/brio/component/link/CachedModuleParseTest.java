package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.DataSegment;
import dev.brio.component.binary.ByteSlice;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.Definition;
import dev.brio.component.binary.Fixtures;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A cached module's parse split over two threads gives the module a single parse gives. */
class CachedModuleParseTest {
  private static WasmModule onePiece(ByteSlice module, Set<Integer> keep) {
    byte[] reduced = CodeBodies.keepOnly(module, keep);
    return Parser.builder()
        .withValidation(false)
        .build()
        .parse(() -> new ByteArrayInputStream(reduced));
  }

  /**
   * The module as the runtime sees it. Chicory records each instruction's byte offset in the input,
   * which differs between the two forms after the first body that was parsed apart (as it already
   * differs between a reduced module and the original); the runtime does not run on offsets.
   */
  private static String shape(WasmModule m) {
    var out = new StringBuilder();
    out.append(m.typeSection().typeCount());
    out.append(' ').append(m.importSection().importCount());
    out.append(' ').append(m.functionSection().functionCount());
    out.append(' ').append(m.exportSection().exportCount());
    out.append(' ').append(m.globalSection().globalCount());
    out.append(' ').append(m.tableSection().tableCount());
    out.append(' ').append(m.memorySection().isPresent());
    out.append(' ').append(m.startSection().isPresent());
    out.append(' ').append(m.elementSection().elementCount());
    out.append(' ').append(m.codeSection().isRequiresDataCount()).append('\n');
    for (var body : m.codeSection().functionBodies()) {
      out.append(body.localTypes()).append(':');
      for (AnnotatedInstruction i : body.instructions()) {
        out.append(' ')
            .append(i.opcode())
            .append(Arrays.toString(i.operands()))
            .append(i.depth())
            .append('/')
            .append(i.labelTrue())
            .append('/')
            .append(i.labelFalse())
            .append(i.labelTable())
            .append(i.scope() == null ? "" : i.scope().opcode());
      }
      out.append('\n');
    }
    for (DataSegment d : m.dataSection().dataSegments()) {
      out.append(d.getClass().getSimpleName()).append(Arrays.hashCode(d.data()));
      if (d instanceof ActiveDataSegment a) {
        out.append(a.index());
        a.offsetInstructions()
            .forEach(i -> out.append(i.opcode()).append(Arrays.toString(i.operands())));
      }
      out.append('\n');
    }
    m.customSections().forEach(c -> out.append(c.name()).append(' '));
    return out.toString();
  }

  @Test
  void theLargestQuickJsBodiesParsedApartMakeTheSameModule() throws Exception {
    ByteSlice qjs =
        coreModules(Fixtures.parse("js/upper-qjs")).stream()
            .max(Comparator.comparingInt(ByteSlice::length))
            .orElseThrow();
    int functions = Parser.parse(qjs.toByteArray()).functionSection().functionCount();
    Map<Integer, Integer> all =
        CodeBodies.bodySizes(
            qjs, new HashSet<>(IntStream.range(0, 2 * functions).boxed().toList()));
    List<Map.Entry<Integer, Integer>> bySize = new ArrayList<>(all.entrySet());
    bySize.sort(Map.Entry.<Integer, Integer>comparingByValue().reversed());
    Set<Integer> largest = new HashSet<>();
    long bytes = 0;
    for (var e : bySize.subList(0, 8)) {
      largest.add(e.getKey());
      bytes += e.getValue();
    }
    assertTrue(bytes >= CachedModuleParse.SPLIT_BYTES, "large enough to split: " + bytes);

    WasmModule split = CachedModuleParse.parse(qjs, largest);
    assertEquals(shape(onePiece(qjs, largest)), shape(split));
    assertNotEquals(shape(onePiece(qjs, Set.of())), shape(split), "the kept bodies are there");
  }

  @Test
  void functionIndicesCountTheImports() throws Exception {
    // host.wat's main module imports two functions: `run` is function 2, `twice` function 4
    ByteSlice main = Fixtures.parse("host").definitions(Definition.CoreModule.class).get(1).bytes();
    Set<Integer> keep = Set.of(2, 4);
    assertEquals(shape(onePiece(main, keep)), shape(CachedModuleParse.parse(main, keep, 0)));
    assertEquals(
        shape(onePiece(main, keep)),
        shape(CachedModuleParse.parse(main, keep)),
        "small: one piece");
  }

  private static List<ByteSlice> coreModules(Component c) {
    List<ByteSlice> out = new ArrayList<>();
    c.definitions(Definition.CoreModule.class).forEach(m -> out.add(m.bytes()));
    c.definitions(Definition.NestedComponent.class)
        .forEach(n -> out.addAll(coreModules(n.component())));
    return out;
  }

  @Test
  void whatIsNotAModuleIsLeftToTheFullParse() {
    byte[] junk = {0, 'a', 's', 'm', 1, 0, 0, 0, 10, 99};
    assertNull(CachedModuleParse.parse(new ByteSlice(junk, 0, junk.length), Set.of(0, 1), 0));
  }
}
