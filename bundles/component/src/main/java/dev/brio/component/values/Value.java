package dev.brio.component.values;

/**
 * A component-level value. Unsigned integers are held widened ({@code u32} in a long) except {@code
 * u64}, which is held in a long's 64 bits and read with {@link Long#toUnsignedString}. Floats
 * compare like {@link Float#compare}: NaN equals NaN, 0.0 differs from -0.0.
 */
public sealed interface Value
    permits BoolValue,
        S8Value,
        S16Value,
        S32Value,
        S64Value,
        U8Value,
        U16Value,
        U32Value,
        U64Value,
        F32Value,
        F64Value,
        CharValue,
        StringValue,
        ListValue,
        RecordValue,
        TupleValue,
        VariantValue,
        EnumValue,
        OptionValue,
        ResultValue,
        FlagsValue,
        OwnValue,
        BorrowValue {}
