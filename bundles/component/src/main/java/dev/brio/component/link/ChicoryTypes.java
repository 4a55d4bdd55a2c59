package dev.brio.component.link;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreValType;
import java.util.List;

/** Core types as Chicory spells them. */
final class ChicoryTypes {
  private ChicoryTypes() {}

  static FunctionType of(CoreFuncType sig) {
    return FunctionType.of(of(sig.params()), of(sig.results()));
  }

  static FunctionType of(List<CoreValType> params, List<CoreValType> results) {
    return FunctionType.of(of(params), of(results));
  }

  private static List<ValType> of(List<CoreValType> types) {
    return types.stream().map(ChicoryTypes::of).toList();
  }

  private static ValType of(CoreValType t) {
    return switch (t) {
      case I32 -> ValType.I32;
      case I64 -> ValType.I64;
      case F32 -> ValType.F32;
      case F64 -> ValType.F64;
      default -> throw new IllegalArgumentException("not a canonical ABI core type: " + t);
    };
  }
}
