package dev.brio.component.values;

import dev.brio.component.types.ValueType;

/**
 * WAVE, the WebAssembly Value Encoding of wasmtime's wasm-wave: component values as text. {@code
 * true}, {@code 42}, {@code -1.5}, {@code nan}, {@code 'x'}, {@code "a&#92;u{1F600}"}, {@code [1,
 * 2]}, {@code (1, "a")}, {@code {a: 1, b: "x"}}, {@code some(1)}/{@code none}, {@code ok(1)}/{@code
 * err("e")}, variant cases {@code case(payload)}, enum cases, flags {@code {read, write}}.
 */
public final class Wave {
  private Wave() {}

  /** The value as WAVE text (handles have no WAVE form: an IllegalArgumentException). */
  public static String print(Value value) {
    return WavePrinter.print(value);
  }

  /** Parses text as a value of this type; the whole text must be the one value. */
  public static Value parse(String text, ValueType type) throws WaveException {
    var p = new WaveParser(text);
    Value v = p.value(type);
    if (!p.atEnd()) {
      throw p.expected("the end of the value");
    }
    return v;
  }
}
