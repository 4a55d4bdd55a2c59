package dev.brio.wasi.http;

import dev.brio.component.values.Value;
import java.io.IOException;

/**
 * A failure the host detects itself and knows the WIT {@code error-code} of (a body longer than its
 * content-length, a response body that stalls): {@link HttpErrors#of} answers {@link #code()}.
 */
final class ErrorCodeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Value code;

  ErrorCodeException(Value code, String message) {
    super(message);
    this.code = code;
  }

  Value code() {
    return code;
  }
}
