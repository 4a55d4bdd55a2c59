package dev.brio.extender;

import dev.brio.api.mesh.Payload;
import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code payload} variant of {@code wit/types.wit} between the component engine's values and
 * the mesh's {@link Payload}. JSON text moves as the same {@code String} object both ways: the
 * engine lifts it from the caller's memory once and lowers it into the target's once, and nothing
 * in between parses or re-serialises it.
 */
final class PayloadValues {
  static final String JSON = "json";
  static final String BINARY = "binary";

  /** {@code variant payload { json(string), binary(list<u8>) }}. */
  static final VariantType TYPE =
      new VariantType(
          List.of(
              new VariantType.Case(JSON, Optional.of(PrimitiveType.STRING)),
              new VariantType.Case(
                  BINARY, Optional.<ValueType>of(new ListType(PrimitiveType.U8)))));

  private PayloadValues() {}

  static Value toValue(Payload payload) {
    return switch (payload) {
      case Payload.Json json -> new VariantValue(JSON, Optional.of(new StringValue(json.text())));
      case Payload.Binary binary -> {
        byte[] bytes = binary.bytes();
        Value[] elements = new Value[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          elements[i] = new U8Value(bytes[i] & 0xff);
        }
        yield new VariantValue(BINARY, Optional.of(new ListValue(Arrays.asList(elements))));
      }
    };
  }

  /**
   * The payload a component produced. The engine has already checked the value against the
   * function's type, so anything else here is a bug in the caller, reported as such.
   */
  static Payload toPayload(Value value) {
    if (value instanceof VariantValue(String name, Optional<Value> inner) && inner.isPresent()) {
      if (name.equals(JSON) && inner.get() instanceof StringValue(String text)) {
        return Payload.json(text);
      }
      if (name.equals(BINARY) && inner.get() instanceof ListValue(List<Value> elements)) {
        byte[] bytes = new byte[elements.size()];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) ((U8Value) elements.get(i)).value();
        }
        return Payload.binary(bytes);
      }
    }
    throw new IllegalArgumentException("not a brio:core payload: " + value);
  }
}
