package dev.brio.component.abi;

import dev.brio.component.binary.Flattening;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ValueType;
import java.util.List;

/**
 * {@code flatten_functype} of CanonicalABI.md for 32-bit memories and synchronous functions, and
 * the flattening limits; per-type flattening lives in the {@code TypePlan}s.
 */
public final class FlatTypes {
  public static final int MAX_FLAT_PARAMS = Flattening.MAX_FLAT_PARAMS;
  public static final int MAX_FLAT_RESULTS = Flattening.MAX_FLAT_RESULTS;

  private FlatTypes() {}

  /**
   * The core signature of a function, lifted ({@code lift}) or lowered ({@code !lift}): the
   * parser's {@code flatten_functype}, which checked it when the component was loaded.
   */
  public static CoreFuncType functype(FuncType ft, boolean lift) {
    return new Flattening().functype(ft, lift ? Flattening.Context.LIFT : Flattening.Context.LOWER);
  }

  /** A function's parameter types. */
  public static List<ValueType> params(FuncType ft) {
    return ft.params().stream().map(FuncType.Param::type).toList();
  }
}
