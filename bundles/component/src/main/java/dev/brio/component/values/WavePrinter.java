package dev.brio.component.values;

import java.math.BigDecimal;
import java.util.Set;

/** Writes values as WAVE text. */
final class WavePrinter {
  /** Words a variant or enum case must be escaped with {@code %} to be written as. */
  static final Set<String> KEYWORDS =
      Set.of("true", "false", "inf", "nan", "some", "none", "ok", "err");

  private final StringBuilder out = new StringBuilder();

  static String print(Value v) {
    var p = new WavePrinter();
    p.value(v);
    return p.out.toString();
  }

  private void value(Value v) {
    switch (v) {
      case BoolValue b -> out.append(b.value());
      case S8Value i -> out.append(i.value());
      case S16Value i -> out.append(i.value());
      case S32Value i -> out.append(i.value());
      case S64Value i -> out.append(i.value());
      case U8Value i -> out.append(i.value());
      case U16Value i -> out.append(i.value());
      case U32Value i -> out.append(i.value());
      case U64Value i -> out.append(Long.toUnsignedString(i.bits()));
      case F32Value f -> floating(f.value(), Float.toString(f.value()));
      case F64Value f -> floating(f.value(), Double.toString(f.value()));
      case CharValue c -> {
        out.append('\'');
        character(c.codePoint(), '\'');
        out.append('\'');
      }
      case StringValue s -> {
        out.append('"');
        s.value().codePoints().forEach(cp -> character(cp, '"'));
        out.append('"');
      }
      case ListValue l -> sequence('[', l.elements(), ']');
      case TupleValue t -> sequence('(', t.elements(), ')');
      case RecordValue r -> {
        out.append('{');
        for (int i = 0; i < r.fields().size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          out.append(r.fields().get(i).name()).append(": ");
          value(r.fields().get(i).value());
        }
        out.append('}');
      }
      case VariantValue c -> {
        label(c.caseName());
        c.payload()
            .ifPresent(
                p -> {
                  out.append('(');
                  value(p);
                  out.append(')');
                });
      }
      case EnumValue e -> label(e.caseName());
      case OptionValue o -> {
        if (o.value().isPresent()) {
          out.append("some(");
          value(o.value().get());
          out.append(')');
        } else {
          out.append("none");
        }
      }
      case ResultValue r -> {
        out.append(r.isOk() ? "ok" : "err");
        r.payload()
            .ifPresent(
                p -> {
                  out.append('(');
                  value(p);
                  out.append(')');
                });
      }
      case FlagsValue f -> out.append('{').append(String.join(", ", f.set())).append('}');
      case OwnValue h -> throw new IllegalArgumentException("an own handle has no WAVE syntax");
      case BorrowValue h ->
          throw new IllegalArgumentException("a borrow handle has no WAVE syntax");
    }
  }

  private void sequence(char open, java.util.List<Value> values, char close) {
    out.append(open);
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      value(values.get(i));
    }
    out.append(close);
  }

  private void label(String name) {
    if (KEYWORDS.contains(name)) {
      out.append('%');
    }
    out.append(name);
  }

  /**
   * Finite floats as plain decimals with the shortest digits that read back to the same value (what
   * Java's toString picks), never with an exponent: {@code 1}, {@code -0.5}, {@code -0}.
   */
  private void floating(double v, String shortest) {
    if (Double.isNaN(v)) {
      out.append("nan");
    } else if (Double.isInfinite(v)) {
      out.append(v > 0 ? "inf" : "-inf");
    } else if (v == 0) {
      out.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
    } else {
      out.append(new BigDecimal(shortest).stripTrailingZeros().toPlainString());
    }
  }

  private void character(int cp, char quote) {
    switch (cp) {
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\t' -> out.append("\\t");
      case '\r' -> out.append("\\r");
      default -> {
        if (cp == quote) {
          out.append('\\').append(quote);
        } else if (cp < 0x20 || cp == 0x7f) {
          out.append("\\u{").append(Integer.toHexString(cp)).append('}');
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
  }
}
