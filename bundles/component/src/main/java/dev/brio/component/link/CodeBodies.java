package dev.brio.component.link;

import dev.brio.component.binary.ByteSlice;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A copy of a core module whose function bodies are all {@code unreachable}, except those asked
 * for. Parsing the code section is most of a large module's load time (the 12 MB StarlingMonkey
 * module: seconds), and compiled code never reads the bodies it was compiled from, so a module
 * whose code comes from the cache is parsed in this form, keeping only the bodies the interpreter
 * runs. Anything this reader does not expect (it reads only section framing and imports) answers
 * null: the caller parses the whole module instead.
 */
final class CodeBodies {
  private static final int TYPE_SECTION = 1;
  private static final int IMPORT_SECTION = 2;
  private static final int FUNCTION_SECTION = 3;
  private static final int CODE_SECTION = 10;

  /** {@code (func)} without locals: {@code unreachable}, {@code end}. */
  private static final byte[] STUB = {3, 0, 0x00, 0x0b};

  private CodeBodies() {}

  /**
   * @param keep function indices (imports counted) whose bodies stay
   * @return the reduced module, or null if it cannot be made
   */
  static byte[] keepOnly(ByteSlice module, Set<Integer> keep) {
    try {
      return reduce(module.asBuffer(), keep);
    } catch (RuntimeException e) {
      return null; // malformed or unexpected: the full parse reports it properly
    }
  }

  private static byte[] reduce(ByteBuffer in, Set<Integer> keep) {
    var out = new ByteArrayOutputStream(in.remaining() / 8);
    byte[] preamble = new byte[8];
    in.get(preamble);
    out.writeBytes(preamble);
    int importedFunctions = 0;
    while (in.hasRemaining()) {
      int start = in.position();
      int id = in.get() & 0xff;
      int size = (int) leb(in);
      int contents = in.position();
      ByteBuffer section = in.slice(contents, size);
      in.position(contents + size);
      if (id == IMPORT_SECTION) {
        importedFunctions = countFunctionImports(section);
      }
      if (id != CODE_SECTION) {
        out.write(bytes(in, start, contents + size - start), 0, contents + size - start);
        continue;
      }
      var code = new ByteArrayOutputStream(size / 8);
      int count = (int) leb(section);
      writeLeb(code, count);
      for (int i = 0; i < count; i++) {
        int bodyStart = section.position();
        int bodySize = (int) leb(section);
        int bodyEnd = section.position() + bodySize;
        if (keep.contains(importedFunctions + i)) {
          code.write(bytes(section, bodyStart, bodyEnd - bodyStart), 0, bodyEnd - bodyStart);
        } else {
          code.writeBytes(STUB);
        }
        section.position(bodyEnd);
      }
      out.write(CODE_SECTION);
      writeLeb(out, code.size());
      out.writeBytes(code.toByteArray());
    }
    return out.toByteArray();
  }

  /**
   * A module with the same types holding only the bodies asked for, in index order, each declared
   * with its function's type: parsed on its own (on another thread), its bodies are those {@link
   * #keepOnly} would keep, without the rest of the module.
   *
   * @param keep function indices (imports counted)
   * @return the module, or null if it cannot be made
   */
  static byte[] bodiesOnly(ByteSlice module, Set<Integer> keep) {
    try {
      return bodies(module.asBuffer(), keep);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The size of each body asked for, by function index (imports counted), or null. */
  static Map<Integer, Integer> bodySizes(ByteSlice module, Set<Integer> of) {
    try {
      Map<Integer, Integer> sizes = new TreeMap<>();
      ByteBuffer in = module.asBuffer();
      in.position(8);
      int importedFunctions = 0;
      while (in.hasRemaining()) {
        int id = in.get() & 0xff;
        int size = (int) leb(in);
        ByteBuffer section = in.slice(in.position(), size);
        in.position(in.position() + size);
        if (id == IMPORT_SECTION) {
          importedFunctions = countFunctionImports(section);
        } else if (id == CODE_SECTION) {
          int count = (int) leb(section);
          for (int i = 0; i < count; i++) {
            int bodySize = (int) leb(section);
            if (of.contains(importedFunctions + i)) {
              sizes.put(importedFunctions + i, bodySize);
            }
            section.position(section.position() + bodySize);
          }
        }
      }
      return sizes;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static byte[] bodies(ByteBuffer in, Set<Integer> keep) {
    var out = new ByteArrayOutputStream();
    byte[] preamble = new byte[8];
    in.get(preamble);
    out.writeBytes(preamble);
    int importedFunctions = 0;
    int[] types = new int[0];
    while (in.hasRemaining()) {
      int start = in.position();
      int id = in.get() & 0xff;
      int size = (int) leb(in);
      int contents = in.position();
      ByteBuffer section = in.slice(contents, size);
      in.position(contents + size);
      switch (id) {
        case TYPE_SECTION ->
            out.write(bytes(in, start, contents + size - start), 0, contents + size - start);
        case IMPORT_SECTION -> importedFunctions = countFunctionImports(section);
        case FUNCTION_SECTION -> {
          types = new int[(int) leb(section)];
          for (int i = 0; i < types.length; i++) {
            types[i] = (int) leb(section);
          }
        }
        case CODE_SECTION -> {
          var functions = new ByteArrayOutputStream();
          var code = new ByteArrayOutputStream(size / 4);
          int count = (int) leb(section);
          int kept = 0;
          for (int i = 0; i < count; i++) {
            int bodyStart = section.position();
            int bodySize = (int) leb(section);
            int bodyEnd = section.position() + bodySize;
            if (keep.contains(importedFunctions + i)) {
              writeLeb(functions, types[i]);
              code.write(bytes(section, bodyStart, bodyEnd - bodyStart), 0, bodyEnd - bodyStart);
              kept++;
            }
            section.position(bodyEnd);
          }
          writeSection(out, FUNCTION_SECTION, kept, functions);
          writeSection(out, CODE_SECTION, kept, code);
        }
        default -> {
          // nothing else is needed to parse function bodies
        }
      }
    }
    return out.toByteArray();
  }

  private static void writeSection(
      ByteArrayOutputStream out, int id, int count, ByteArrayOutputStream entries) {
    var counted = new ByteArrayOutputStream(entries.size() + 5);
    writeLeb(counted, count);
    counted.writeBytes(entries.toByteArray());
    out.write(id);
    writeLeb(out, counted.size());
    out.writeBytes(counted.toByteArray());
  }

  private static int countFunctionImports(ByteBuffer s) {
    int n = (int) leb(s);
    int functions = 0;
    for (int i = 0; i < n; i++) {
      skipName(s);
      skipName(s);
      int kind = s.get() & 0xff;
      switch (kind) {
        case 0 -> {
          leb(s);
          functions++;
        }
        case 1 -> {
          referenceType(s);
          limits(s);
        }
        case 2 -> limits(s);
        case 3 -> {
          valueType(s);
          s.get(); // mutability
        }
        case 4 -> {
          s.get(); // tag attribute
          leb(s);
        }
        default -> throw new IllegalArgumentException("import kind " + kind);
      }
    }
    return functions;
  }

  private static void referenceType(ByteBuffer s) {
    int t = s.get() & 0xff;
    if (t == 0x63 || t == 0x64) {
      sleb(s); // (ref null? heaptype)
    }
  }

  private static void valueType(ByteBuffer s) {
    int t = s.get() & 0xff;
    if (t == 0x63 || t == 0x64) {
      sleb(s);
    }
  }

  private static void limits(ByteBuffer s) {
    int flags = s.get() & 0xff;
    leb(s);
    if ((flags & 1) != 0) {
      leb(s);
    }
    if ((flags & 0x08) != 0) {
      leb(s); // custom page size (log2)
    }
  }

  private static void skipName(ByteBuffer s) {
    int len = (int) leb(s);
    s.position(s.position() + len);
  }

  private static byte[] bytes(ByteBuffer b, int from, int length) {
    byte[] out = new byte[length];
    b.get(from, out);
    return out;
  }

  private static long leb(ByteBuffer b) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int x = b.get() & 0xff;
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("LEB128 too long");
  }

  private static void sleb(ByteBuffer b) {
    leb(b);
  }

  private static void writeLeb(ByteArrayOutputStream out, int value) {
    int v = value;
    do {
      int x = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
  }
}
