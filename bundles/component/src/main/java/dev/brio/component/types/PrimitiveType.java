package dev.brio.component.types;

/** The primitive value types; each carries its WIT spelling. */
public enum PrimitiveType implements ValueType {
  BOOL("bool"),
  S8("s8"),
  U8("u8"),
  S16("s16"),
  U16("u16"),
  S32("s32"),
  U32("u32"),
  S64("s64"),
  U64("u64"),
  F32("f32"),
  F64("f64"),
  CHAR("char"),
  STRING("string");

  private final String witName;

  PrimitiveType(String witName) {
    this.witName = witName;
  }

  /** The type's name in WIT and WAVE. */
  public String witName() {
    return witName;
  }
}
