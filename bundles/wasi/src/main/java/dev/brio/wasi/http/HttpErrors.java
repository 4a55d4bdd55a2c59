package dev.brio.wasi.http;

import dev.brio.component.values.OptionValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Maps what java.net.http throws to the cases of WIT {@code error-code}. */
final class HttpErrors {
  private HttpErrors() {}

  static VariantValue code(String caseName) {
    return new VariantValue(caseName, Optional.empty());
  }

  static VariantValue internal(String message) {
    return new VariantValue(
        "internal-error", Optional.of(OptionValue.some(new StringValue(message))));
  }

  /**
   * The error-code for a failed exchange. java.net.http wraps the cause it saw (a connect failure
   * wraps the channel's exception, an unresolved name too), so the whole cause chain is searched
   * for a name-resolution failure first, then for the outermost failure it knows.
   */
  static Value of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ErrorCodeException e) {
        return e.code();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return dnsError();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Optional<String> code = known(t);
      if (code.isPresent()) {
        return code(code.get());
      }
    }
    return internal(String.valueOf(failure.getMessage() != null ? failure.getMessage() : failure));
  }

  private static Optional<String> known(Throwable t) {
    return Optional.ofNullable(
        switch (t) {
          case HttpConnectTimeoutException e -> "connection-timeout";
          case HttpTimeoutException e -> "HTTP-response-timeout";
          case ConnectException e -> "connection-refused";
          case SocketException e -> "connection-terminated";
          case SSLHandshakeException e -> "TLS-certificate-error";
          case SSLException e -> "TLS-protocol-error";
          case ProtocolException e -> "HTTP-protocol-error";
          case EOFException e -> "HTTP-response-incomplete";
          default -> null;
        });
  }

  /** {@code HTTP-request-body-size(some(size))}. */
  static VariantValue requestBodySize(long size) {
    return new VariantValue(
        "HTTP-request-body-size", Optional.of(OptionValue.some(new U64Value(size))));
  }

  private static Value dnsError() {
    return new VariantValue(
        "DNS-error",
        Optional.of(
            new RecordValue(
                List.of(
                    new RecordValue.Field("rcode", OptionValue.none()),
                    new RecordValue.Field("info-code", OptionValue.none())))));
  }
}
