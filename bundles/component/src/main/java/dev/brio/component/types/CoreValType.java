package dev.brio.component.types;

/**
 * A core WebAssembly value type, as far as the component layer needs to tell them apart: the
 * numeric types, v128, and references (typed GC references are folded into the two abstract ones).
 */
public enum CoreValType {
  I32,
  I64,
  F32,
  F64,
  V128,
  FUNCREF,
  EXTERNREF,
  /** Any other reference type (GC, exceptions): carried, never produced by the canonical ABI. */
  OTHER_REF
}
