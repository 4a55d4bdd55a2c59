package dev.brio.component.link;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.stream.Collectors;

/** WIT-like text of types, for link error messages. */
final class TypeText {
  private TypeText() {}

  static String of(ExternType t) {
    return switch (t) {
      case ExternType.Func f -> of(f.type());
      case ExternType.Instance i ->
          "instance { "
              + i.type().exportList().stream()
                  .map(e -> e.name().text() + ": " + of(e.type()))
                  .collect(Collectors.joining("; "))
              + " }";
      default -> t.sortName();
    };
  }

  static String of(FuncType f) {
    String params =
        f.params().stream()
            .map(p -> p.name() + ": " + of(p.type()))
            .collect(Collectors.joining(", ", "func(", ")"));
    return params + f.result().map(r -> " -> " + of(r)).orElse("");
  }

  static String of(ValueType t) {
    return switch (t) {
      case PrimitiveType p -> p.witName();
      case ListType l -> "list<" + of(l.element()) + ">";
      case OptionType o -> "option<" + of(o.payload()) + ">";
      case ResultType r ->
          "result<"
              + r.ok().map(TypeText::of).orElse("_")
              + ", "
              + r.error().map(TypeText::of).orElse("_")
              + ">";
      case TupleType u ->
          u.elements().stream().map(TypeText::of).collect(Collectors.joining(", ", "tuple<", ">"));
      case RecordType r ->
          r.fields().stream()
              .map(f -> f.name() + ": " + of(f.type()))
              .collect(Collectors.joining(", ", "record { ", " }"));
      case VariantType v ->
          v.cases().stream()
              .map(c -> c.name() + c.payload().map(p -> "(" + of(p) + ")").orElse(""))
              .collect(Collectors.joining(", ", "variant { ", " }"));
      case EnumType e -> String.join(", ", e.cases()).transform(s -> "enum { " + s + " }");
      case FlagsType f -> String.join(", ", f.names()).transform(s -> "flags { " + s + " }");
      case OwnType o -> "own<" + o.resource().hint() + ">";
      case BorrowType b -> "borrow<" + b.resource().hint() + ">";
    };
  }
}
