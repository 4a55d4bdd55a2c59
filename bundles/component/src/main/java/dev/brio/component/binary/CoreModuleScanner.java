package dev.brio.component.binary;

import dev.brio.component.types.CoreExternType;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreModuleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads just enough of a core module to know its type: the type, import, function and export
 * sections, and the counts of tables, memories, globals and tags. Code, data and everything else is
 * skipped by its section size; the core runtime parses and validates the module fully later, so no
 * byte is decoded twice.
 */
final class CoreModuleScanner {
  private CoreModuleScanner() {}

  static CoreModuleType scan(ByteReader r) throws ComponentFormatException {
    Preamble.expectCoreModule(r);
    List<CoreFuncType> types = new ArrayList<>();
    List<CoreModuleType.Import> imports = new ArrayList<>();
    List<CoreFuncType> funcs = new ArrayList<>();
    int[] counts = new int[5]; // table, memory, global, tag counts (index 1..4 by extern kind)
    Map<String, CoreModuleType.Export> exports = new LinkedHashMap<>();
    while (!r.atEnd()) {
      int id = r.u8("core section id");
      int size = r.index("core section size");
      ByteReader s = r.window(size, "core section contents");
      switch (id) {
        case 1 -> {
          int n = s.count("core types", 1);
          for (int i = 0; i < n; i++) {
            int at = s.position();
            int form = s.u8("core type form");
            if (form != 0x60) {
              throw CoreReader.gcType(at, form);
            }
            types.add(CoreReader.funcTypeBody(s));
          }
        }
        case 2 -> {
          int n = s.count("core imports", 4);
          for (int i = 0; i < n; i++) {
            String module = s.name("import module name");
            String name = s.name("import name");
            CoreExternType t = CoreReader.externType(s, CoreReader.funcTypesOf(types));
            imports.add(new CoreModuleType.Import(module, name, t));
            switch (t) {
              case CoreExternType.Func f -> funcs.add(f.type().orElseThrow());
              case CoreExternType.Table x -> counts[1]++;
              case CoreExternType.Memory x -> counts[2]++;
              case CoreExternType.Global x -> counts[3]++;
              case CoreExternType.Tag x -> counts[4]++;
            }
          }
        }
        case 3 -> {
          int n = s.count("functions", 1);
          var lookup = CoreReader.funcTypesOf(types);
          for (int i = 0; i < n; i++) {
            int at = s.position();
            funcs.add(lookup.funcType(s.index("function type index"), at));
          }
        }
        case 4 -> counts[1] += s.count("tables", 1);
        case 5 -> counts[2] += s.count("memories", 1);
        case 6 -> counts[3] += s.count("globals", 1);
        case 13 -> counts[4] += s.count("tags", 1);
        case 7 -> {
          int n = s.count("exports", 2);
          for (int i = 0; i < n; i++) {
            int at = s.position();
            String name = s.name("export name");
            int kind = s.u8("export kind");
            int idxAt = s.position();
            int idx = s.index("export index");
            CoreExternType t =
                switch (kind) {
                  case 0x00 -> {
                    if (idx >= funcs.size()) {
                      throw s.errorAt(idxAt, outOfRange("func", idx, funcs.size()));
                    }
                    yield new CoreExternType.Func(Optional.of(funcs.get(idx)));
                  }
                  case 0x01, 0x02, 0x03, 0x04 -> {
                    if (idx >= counts[kind]) {
                      throw s.errorAt(idxAt, outOfRange(KINDS[kind], idx, counts[kind]));
                    }
                    yield switch (kind) {
                      case 0x01 -> new CoreExternType.Table();
                      case 0x02 -> new CoreExternType.Memory();
                      case 0x03 -> new CoreExternType.Global();
                      default -> new CoreExternType.Tag();
                    };
                  }
                  default ->
                      throw s.errorAt(
                          idxAt - 1,
                          "expected an export kind 0x00-0x04, found 0x"
                              + Integer.toHexString(kind));
                };
            if (exports.putIfAbsent(name, new CoreModuleType.Export(name, t)) != null) {
              throw s.errorAt(at, "duplicate core export name '" + name + "'");
            }
          }
        }
        default -> {
          // custom, start, element, code, data, data count: not needed for the module's type
        }
      }
      if (id == 1 || id == 2 || id == 3 || id == 7) {
        s.expectEnd("core section " + id);
      }
    }
    return CoreModuleType.of(imports, exports.values());
  }

  private static final String[] KINDS = {"func", "table", "memory", "global", "tag"};

  private static String outOfRange(String kind, int idx, int size) {
    return "core " + kind + " index " + idx + " is out of range: " + size + " defined";
  }
}
