package dev.brio.component.types;

/** A component-level value type ({@code valtype}/{@code defvaltype} in Binary.md). */
public sealed interface ValueType extends DefinedType
    permits PrimitiveType,
        ListType,
        RecordType,
        TupleType,
        VariantType,
        EnumType,
        OptionType,
        ResultType,
        FlagsType,
        OwnType,
        BorrowType {}
