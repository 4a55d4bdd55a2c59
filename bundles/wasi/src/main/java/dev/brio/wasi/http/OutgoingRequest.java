package dev.brio.wasi.http;

import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The host side of {@code outgoing-request}: what the guest set, and its body once asked for. The
 * headers are the (now immutable) fields passed to the constructor.
 */
final class OutgoingRequest {
  final Fields headers;
  Value method = new VariantValue("get", Optional.empty());
  Optional<String> pathWithQuery = Optional.empty();
  Optional<Value> scheme = Optional.empty();
  Optional<String> authority = Optional.empty();
  private OutgoingBody body;

  OutgoingRequest(Fields headers) {
    this.headers = headers;
  }

  /** The body, created on the first call; empty on later calls ({@code body} answers once). */
  synchronized Optional<OutgoingBody> takeBody() {
    if (body != null) {
      return Optional.empty();
    }
    body = new OutgoingBody(declaredLength());
    return Optional.of(body);
  }

  /** The content-length the headers declare, if they declare one well-formed value. */
  OptionalLong declaredLength() {
    List<byte[]> values = headers.get("content-length");
    if (values.size() != 1) {
      return OptionalLong.empty();
    }
    String v = new String(values.getFirst(), StandardCharsets.ISO_8859_1);
    return v.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(v)) : OptionalLong.empty();
  }

  /** The body if the guest asked for one. */
  synchronized Optional<OutgoingBody> body() {
    return Optional.ofNullable(body);
  }

  /** The HTTP method name, e.g. {@code GET}. */
  String methodName() {
    VariantValue v = (VariantValue) method;
    return v.caseName().equals("other")
        ? ((StringValue) v.payload().orElseThrow()).value()
        : v.caseName().toUpperCase(Locale.ROOT);
  }

  /** {@code http}, {@code https} or the other scheme's name; https when unset. */
  String schemeName() {
    if (scheme.isEmpty()) {
      return "https";
    }
    VariantValue v = (VariantValue) scheme.get();
    return v.caseName().equals("other")
        ? ((StringValue) v.payload().orElseThrow()).value()
        : v.caseName().toLowerCase(Locale.ROOT);
  }
}
