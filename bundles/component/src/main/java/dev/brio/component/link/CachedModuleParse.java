package dev.brio.component.link;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import dev.brio.component.binary.ByteSlice;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Chicory's parse of a module whose code comes from the cache: without validation (it was validated
 * when compiled) and with only the bodies the interpreter runs ({@link CodeBodies}). Those bodies
 * are the functions too large for a JVM method, so they are large (StarlingMonkey: 7 of them, 0.75
 * MB, most of the parse); when they are, the parse is split over two threads: the larger share of
 * them is parsed on a second thread as a module of their own, while this thread parses the module
 * with the others, and the bodies of the two are put together into one module, as a single parse
 * would have made it.
 */
final class CachedModuleParse {
  /** Interpreted bodies smaller than this in total are parsed with the module, on one thread. */
  static final int SPLIT_BYTES = 128 * 1024;

  /**
   * The share of the interpreted bodies' bytes the second thread parses: more than half, because
   * this thread also parses the rest of the module (about a third of the bodies' cost on
   * StarlingMonkey: data segments and every other function's stub).
   */
  private static final double SIDE_SHARE = 0.6;

  private CachedModuleParse() {}

  /**
   * @param interpreted the functions (imports counted) whose bodies are kept
   * @return the module, or null if it cannot be reduced (the caller parses it whole)
   */
  static WasmModule parse(ByteSlice module, Set<Integer> interpreted) {
    return parse(module, interpreted, SPLIT_BYTES);
  }

  /** As {@link #parse(ByteSlice, Set)}, splitting from {@code splitBytes} of bodies. */
  static WasmModule parse(ByteSlice module, Set<Integer> interpreted, int splitBytes) {
    Map<Integer, Integer> sizes = CodeBodies.bodySizes(module, interpreted);
    if (sizes == null) {
      return null;
    }
    Set<Integer> side = sideShare(sizes, splitBytes);
    if (side.isEmpty()) {
      byte[] reduced = CodeBodies.keepOnly(module, interpreted);
      return reduced == null ? null : parse(reduced);
    }
    Set<Integer> here = new TreeSet<>(interpreted);
    here.removeAll(side);
    byte[] reduced = CodeBodies.keepOnly(module, here);
    byte[] sideModule = CodeBodies.bodiesOnly(module, side);
    if (reduced == null || sideModule == null) {
      return null;
    }
    var sideParse = new FutureTask<>(() -> parse(sideModule));
    Thread.ofPlatform().daemon().name("brio-parse").start(sideParse);
    WasmModule main = parse(reduced);
    WasmModule bodies;
    try {
      bodies = sideParse.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("parsing the interpreted bodies failed", e.getCause());
    } catch (InterruptedException e) {
      // The cache entry is good: an interrupt must not cost it (a failure here drops the entry).
      // Finish on this thread and leave the interrupt for the caller to see.
      sideParse.cancel(true);
      Thread.currentThread().interrupt();
      bodies = parse(sideModule);
    }
    return merge(main, bodies, new ArrayList<>(new TreeSet<>(side)));
  }

  /** The largest bodies, up to {@link #SIDE_SHARE} of them all; none if they are small. */
  private static Set<Integer> sideShare(Map<Integer, Integer> sizes, int splitBytes) {
    long total = sizes.values().stream().mapToLong(Integer::longValue).sum();
    Set<Integer> side = new TreeSet<>();
    if (sizes.size() < 2 || total < splitBytes) {
      return side;
    }
    long taken = 0;
    List<Map.Entry<Integer, Integer>> bySize = new ArrayList<>(sizes.entrySet());
    bySize.sort(Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder()));
    for (var e : bySize.subList(0, bySize.size() - 1)) {
      if (taken >= total * SIDE_SHARE) {
        break;
      }
      side.add(e.getKey());
      taken += e.getValue();
    }
    return side;
  }

  /**
   * {@code main} with the bodies of {@code sideFunctions} (sorted function indices, imports
   * counted) taken from {@code side}, which holds those bodies in that order.
   */
  static WasmModule merge(WasmModule main, WasmModule side, List<Integer> sideFunctions) {
    int imported = main.importSection().count(ExternalType.FUNCTION);
    FunctionBody[] bodies = main.codeSection().functionBodies();
    CodeSection.Builder code =
        CodeSection.builder().setRequiresDataCount(main.codeSection().isRequiresDataCount());
    int next = 0;
    for (int i = 0; i < bodies.length; i++) {
      if (next < sideFunctions.size() && sideFunctions.get(next) == imported + i) {
        code.addFunctionBody(side.codeSection().getFunctionBody(next++));
      } else {
        code.addFunctionBody(bodies[i]);
      }
    }
    if (next != sideFunctions.size() || side.codeSection().functionBodyCount() != next) {
      throw new IllegalStateException("the bodies parsed apart do not match the module");
    }
    WasmModule.Builder b =
        WasmModule.builder()
            .withValidation(false)
            .setTypeSection(main.typeSection())
            .setImportSection(main.importSection())
            .setFunctionSection(main.functionSection())
            .setTableSection(main.tableSection())
            .setGlobalSection(main.globalSection())
            .setExportSection(main.exportSection())
            .setElementSection(main.elementSection())
            .setCodeSection(code.build())
            .setDataSection(main.dataSection());
    main.memorySection().ifPresent(b::setMemorySection);
    main.startSection().ifPresent(b::setStartSection);
    main.dataCountSection().ifPresent(b::setDataCountSection);
    main.tagSection().ifPresent(b::setTagSection);
    for (CustomSection c : main.customSections()) {
      b.addCustomSection(c.name(), c);
    }
    main.ignoredSections().forEach(b::addIgnoredSection);
    if (main.digest() != null) {
      b.withDigest(main.digest());
    }
    return b.build();
  }

  private static WasmModule parse(byte[] module) {
    return Parser.builder()
        .withValidation(false)
        .build()
        .parse(() -> new ByteArrayInputStream(module));
  }
}
