package dev.brio.component.link;

import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Objects;

/** A core function of some core instance or built-in: its core type and how to call it. */
record CoreFunc(String name, FunctionType type, Body body) {
  CoreFunc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(body, "body");
  }

  /** The function's behaviour, on core values in Chicory's long form. */
  @FunctionalInterface
  interface Body {
    long[] call(long... args);
  }

  long[] call(long... args) {
    return body.call(args);
  }
}
