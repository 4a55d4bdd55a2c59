package dev.brio.api.mesh;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a caller sends and a target answers, as {@code payload} in {@code wit/types.wit}. Payloads
 * are immutable, so the mesh hands the caller's object to the target as it is: nothing is parsed,
 * serialised or copied on the way.
 */
public sealed interface Payload {

  /** A JSON document as text. The mesh neither validates nor re-serialises it. */
  record Json(String text) implements Payload {
    public Json {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Opaque bytes, copied in and out so that a payload never changes after it is made. */
  record Binary(byte[] bytes) implements Payload {
    public Binary {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The size without copying. */
    public int length() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Binary b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Binary[" + bytes.length + " bytes]";
    }
  }

  static Payload json(String text) {
    return new Json(text);
  }

  static Payload binary(byte[] bytes) {
    return new Binary(bytes);
  }
}
