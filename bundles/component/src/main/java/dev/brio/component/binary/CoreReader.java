package dev.brio.component.binary;

import dev.brio.component.types.CoreExternType;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreModuleType;
import dev.brio.component.types.CoreType;
import dev.brio.component.types.CoreValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the core WebAssembly type productions the component layer needs. */
final class CoreReader {
  private CoreReader() {}

  /** Resolves a core type index to a function type, for import descriptors. */
  @FunctionalInterface
  interface FuncTypes {
    CoreFuncType funcType(int index, int offset) throws ComponentFormatException;
  }

  static CoreValType valType(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int b = r.u8("core value type");
    return switch (b) {
      case 0x7f -> CoreValType.I32;
      case 0x7e -> CoreValType.I64;
      case 0x7d -> CoreValType.F32;
      case 0x7c -> CoreValType.F64;
      case 0x7b -> CoreValType.V128;
      case 0x70 -> CoreValType.FUNCREF;
      case 0x6f -> CoreValType.EXTERNREF;
      // abstract heap type shorthands of the GC and exception proposals
      case 0x71, 0x72, 0x73, 0x74, 0x6e, 0x6d, 0x6c, 0x6b, 0x6a, 0x69 -> CoreValType.OTHER_REF;
      case 0x63, 0x64 -> {
        r.s33("heap type");
        yield CoreValType.OTHER_REF;
      }
      default ->
          throw r.errorAt(at, "expected a core value type, found 0x" + Integer.toHexString(b));
    };
  }

  static void refType(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    CoreValType t = valType(r);
    if (t != CoreValType.FUNCREF && t != CoreValType.EXTERNREF && t != CoreValType.OTHER_REF) {
      throw r.errorAt(at, "expected a reference type, found " + t);
    }
  }

  static void limits(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int flags = r.u8("limits");
    if (flags > 0x07) {
      throw r.errorAt(at, "expected limits flags 0x00-0x07, found 0x" + Integer.toHexString(flags));
    }
    boolean wide = (flags & 0x04) != 0;
    readLimit(r, wide);
    if ((flags & 0x01) != 0) {
      readLimit(r, wide);
    }
  }

  private static void readLimit(ByteReader r, boolean wide) throws ComponentFormatException {
    if (wide) {
      // a u64 LEB128: at most 10 bytes
      for (int i = 0; ; i++) {
        int b = r.u8("limit");
        if ((b & 0x80) == 0) {
          if (i == 9 && b > 1) {
            throw r.error("invalid LEB128 for limit: integer too large for u64");
          }
          return;
        }
        if (i == 9) {
          throw r.error("invalid LEB128 for limit: more than 10 bytes");
        }
      }
    }
    r.u32("limit");
  }

  /** {@code 0x60 vec(valtype) vec(valtype)}, the opcode already read. */
  static CoreFuncType funcTypeBody(ByteReader r) throws ComponentFormatException {
    int n = r.count("core func type params", 1);
    List<CoreValType> params = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      params.add(valType(r));
    }
    int m = r.count("core func type results", 1);
    List<CoreValType> results = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      results.add(valType(r));
    }
    return new CoreFuncType(params, results);
  }

  /** The GC proposal's type forms, which Brio does not support, refused by name. */
  static ComponentFormatException gcType(int at, int opcode) {
    String what =
        switch (opcode) {
          case 0x4e -> "rec";
          case 0x50, 0x4f -> "sub";
          case 0x5f -> "struct";
          case 0x5e -> "array";
          default -> null;
        };
    if (what == null) {
      return new ComponentFormatException(
          at, "expected a core type (0x60 func), found 0x" + Integer.toHexString(opcode));
    }
    return new UnsupportedFeatureException(at, "core " + what + " type", "GC types");
  }

  /** An import or export descriptor: {@code core:importdesc}/{@code core:externtype}. */
  static CoreExternType externType(ByteReader r, FuncTypes types) throws ComponentFormatException {
    int at = r.position();
    int kind = r.u8("core extern kind");
    switch (kind) {
      case 0x00 -> {
        int idxAt = r.position();
        return new CoreExternType.Func(Optional.of(types.funcType(r.index("type index"), idxAt)));
      }
      case 0x01 -> {
        refType(r);
        limits(r);
        return new CoreExternType.Table();
      }
      case 0x02 -> {
        limits(r);
        return new CoreExternType.Memory();
      }
      case 0x03 -> {
        valType(r);
        int mut = r.u8("global mutability");
        if (mut > 1) {
          throw r.errorAt(r.position() - 1, "expected mutability 0 or 1, found " + mut);
        }
        return new CoreExternType.Global();
      }
      case 0x04 -> {
        int attr = r.u8("tag attribute");
        if (attr != 0) {
          throw r.errorAt(r.position() - 1, "expected tag attribute 0, found " + attr);
        }
        int idxAt = r.position();
        types.funcType(r.index("type index"), idxAt);
        return new CoreExternType.Tag();
      }
      default ->
          throw r.errorAt(
              at, "expected a core extern kind 0x00-0x04, found 0x" + Integer.toHexString(kind));
    }
  }

  /** A function type from a list of core types, checked. */
  static FuncTypes funcTypesOf(List<? extends CoreType> types) {
    return (index, offset) -> {
      if (index < 0 || index >= types.size()) {
        throw new ComponentFormatException(
            offset, "core type index " + index + " is out of range: " + types.size() + " defined");
      }
      if (types.get(index) instanceof CoreFuncType f) {
        return f;
      }
      if (types.get(index) instanceof CoreModuleType) {
        throw new ComponentFormatException(
            offset, "core type index " + index + ": expected a func type, found a module type");
      }
      throw new ComponentFormatException(offset, "core type index " + index + " is not a type");
    };
  }
}
