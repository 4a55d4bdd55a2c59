package dev.brio.wasi.http;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WIT types of the wasi:http functions Brio implements, as the specification writes them. They
 * are the same in every 0.2.x release (0.2.0 through 0.2.12 differ only in documentation, the alias
 * {@code field-name} for {@code field-key}, and the server-side {@code send-informational}), so one
 * table serves every patch version.
 *
 * <p>Each function is defined on the linker with the type read from this table, its resource types
 * being the component's own (found by name in the interface it imports): the linker then refuses,
 * when instantiating, a component that imports a function with any other type, naming the function
 * and both types, instead of the call failing later on a value of an unexpected shape.
 */
final class HttpSignatures {
  private HttpSignatures() {}

  /** Named types of {@code wasi:http/types} that are not resources, in WIT. */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("duration", "u64"),
          Map.entry("status-code", "u16"),
          Map.entry("field-name", "string"),
          Map.entry("field-value", "list<u8>"),
          Map.entry(
              "method",
              "variant{get, head, post, put, delete, connect, options, trace, patch,"
                  + " other(string)}"),
          Map.entry("scheme", "variant{HTTP, HTTPS, other(string)}"),
          Map.entry("header-error", "variant{invalid-syntax, forbidden, immutable}"),
          Map.entry("DNS-error-payload", "record{rcode: option<string>, info-code: option<u16>}"),
          Map.entry(
              "TLS-alert-received-payload",
              "record{alert-id: option<u8>, alert-message: option<string>}"),
          Map.entry(
              "field-size-payload", "record{field-name: option<string>, field-size: option<u32>}"),
          Map.entry(
              "error-code",
              "variant{DNS-timeout, DNS-error(DNS-error-payload), destination-not-found,"
                  + " destination-unavailable, destination-IP-prohibited,"
                  + " destination-IP-unroutable, connection-refused, connection-terminated,"
                  + " connection-timeout, connection-read-timeout, connection-write-timeout,"
                  + " connection-limit-reached, TLS-protocol-error, TLS-certificate-error,"
                  + " TLS-alert-received(TLS-alert-received-payload), HTTP-request-denied,"
                  + " HTTP-request-length-required, HTTP-request-body-size(option<u64>),"
                  + " HTTP-request-method-invalid, HTTP-request-URI-invalid,"
                  + " HTTP-request-URI-too-long, HTTP-request-header-section-size(option<u32>),"
                  + " HTTP-request-header-size(option<field-size-payload>),"
                  + " HTTP-request-trailer-section-size(option<u32>),"
                  + " HTTP-request-trailer-size(field-size-payload), HTTP-response-incomplete,"
                  + " HTTP-response-header-section-size(option<u32>),"
                  + " HTTP-response-header-size(field-size-payload),"
                  + " HTTP-response-body-size(option<u64>),"
                  + " HTTP-response-trailer-section-size(option<u32>),"
                  + " HTTP-response-trailer-size(field-size-payload),"
                  + " HTTP-response-transfer-coding(option<string>),"
                  + " HTTP-response-content-coding(option<string>), HTTP-response-timeout,"
                  + " HTTP-upgrade-failed, HTTP-protocol-error, loop-detected,"
                  + " configuration-error, internal-error(option<string>)}"));

  /** Resource names as the functions below use them, to the name the interface exports. */
  private static final Map<String, String> RESOURCE_ALIASES =
      Map.of("headers", "fields", "trailers", "fields");

  /** The client-side functions of {@code wasi:http/types}. */
  static final Map<String, String> TYPES_FUNCTIONS =
      Map.ofEntries(
          Map.entry("http-error-code", "func(err: borrow<io-error>) -> option<error-code>"),
          Map.entry("[constructor]fields", "func() -> fields"),
          Map.entry(
              "[static]fields.from-list",
              "func(entries: list<tuple<field-name, field-value>>) -> result<fields,"
                  + " header-error>"),
          Map.entry(
              "[method]fields.get",
              "func(self: borrow<fields>, name: field-name) -> list<field-value>"),
          Map.entry("[method]fields.has", "func(self: borrow<fields>, name: field-name) -> bool"),
          Map.entry(
              "[method]fields.set",
              "func(self: borrow<fields>, name: field-name, value: list<field-value>) ->"
                  + " result<_, header-error>"),
          Map.entry(
              "[method]fields.delete",
              "func(self: borrow<fields>, name: field-name) -> result<_, header-error>"),
          Map.entry(
              "[method]fields.append",
              "func(self: borrow<fields>, name: field-name, value: field-value) -> result<_,"
                  + " header-error>"),
          Map.entry(
              "[method]fields.entries",
              "func(self: borrow<fields>) -> list<tuple<field-name, field-value>>"),
          Map.entry("[method]fields.clone", "func(self: borrow<fields>) -> fields"),
          Map.entry("[constructor]outgoing-request", "func(headers: headers) -> outgoing-request"),
          Map.entry(
              "[method]outgoing-request.body",
              "func(self: borrow<outgoing-request>) -> result<outgoing-body>"),
          Map.entry(
              "[method]outgoing-request.method", "func(self: borrow<outgoing-request>) -> method"),
          Map.entry(
              "[method]outgoing-request.set-method",
              "func(self: borrow<outgoing-request>, method: method) -> result"),
          Map.entry(
              "[method]outgoing-request.path-with-query",
              "func(self: borrow<outgoing-request>) -> option<string>"),
          Map.entry(
              "[method]outgoing-request.set-path-with-query",
              "func(self: borrow<outgoing-request>, path-with-query: option<string>) -> result"),
          Map.entry(
              "[method]outgoing-request.scheme",
              "func(self: borrow<outgoing-request>) -> option<scheme>"),
          Map.entry(
              "[method]outgoing-request.set-scheme",
              "func(self: borrow<outgoing-request>, scheme: option<scheme>) -> result"),
          Map.entry(
              "[method]outgoing-request.authority",
              "func(self: borrow<outgoing-request>) -> option<string>"),
          Map.entry(
              "[method]outgoing-request.set-authority",
              "func(self: borrow<outgoing-request>, authority: option<string>) -> result"),
          Map.entry(
              "[method]outgoing-request.headers",
              "func(self: borrow<outgoing-request>) -> headers"),
          Map.entry("[constructor]request-options", "func() -> request-options"),
          timeoutGetter("connect-timeout"),
          timeoutSetter("connect-timeout"),
          timeoutGetter("first-byte-timeout"),
          timeoutSetter("first-byte-timeout"),
          timeoutGetter("between-bytes-timeout"),
          timeoutSetter("between-bytes-timeout"),
          Map.entry(
              "[method]incoming-response.status",
              "func(self: borrow<incoming-response>) -> status-code"),
          Map.entry(
              "[method]incoming-response.headers",
              "func(self: borrow<incoming-response>) -> headers"),
          Map.entry(
              "[method]incoming-response.consume",
              "func(self: borrow<incoming-response>) -> result<incoming-body>"),
          Map.entry(
              "[method]incoming-body.stream",
              "func(self: borrow<incoming-body>) -> result<input-stream>"),
          Map.entry("[static]incoming-body.finish", "func(this: incoming-body) -> future-trailers"),
          Map.entry(
              "[method]future-trailers.subscribe",
              "func(self: borrow<future-trailers>) -> pollable"),
          Map.entry(
              "[method]future-trailers.get",
              "func(self: borrow<future-trailers>) ->"
                  + " option<result<result<option<trailers>, error-code>>>"),
          Map.entry(
              "[method]outgoing-body.write",
              "func(self: borrow<outgoing-body>) -> result<output-stream>"),
          Map.entry(
              "[static]outgoing-body.finish",
              "func(this: outgoing-body, trailers: option<trailers>) -> result<_, error-code>"),
          Map.entry(
              "[method]future-incoming-response.subscribe",
              "func(self: borrow<future-incoming-response>) -> pollable"),
          Map.entry(
              "[method]future-incoming-response.get",
              "func(self: borrow<future-incoming-response>) ->"
                  + " option<result<result<incoming-response, error-code>>>"));

  /** The function of {@code wasi:http/outgoing-handler}. */
  static final Map<String, String> OUTGOING_HANDLER_FUNCTIONS =
      Map.of(
          "handle",
          "func(request: outgoing-request, options: option<request-options>) ->"
              + " result<future-incoming-response, error-code>");

  private static Map.Entry<String, String> timeoutGetter(String name) {
    return Map.entry(
        "[method]request-options." + name,
        "func(self: borrow<request-options>) -> option<duration>");
  }

  private static Map.Entry<String, String> timeoutSetter(String name) {
    return Map.entry(
        "[method]request-options.set-" + name,
        "func(self: borrow<request-options>, duration: option<duration>) -> result");
  }

  /**
   * The type {@code signature} (from one of the tables) stands for, its resources those {@code
   * imported} exports under their names; a resource it does not export becomes a fresh type, which
   * no imported function type can equal.
   */
  static FuncType funcType(String signature, InstanceType imported) {
    Parser p = new Parser(signature, imported);
    FuncType f = p.func();
    p.end();
    return f;
  }

  /** A recursive-descent reader of the WIT type syntax the tables use. */
  private static final class Parser {
    private final String text;
    private final InstanceType imported;
    private int at;

    Parser(String text, InstanceType imported) {
      this.text = text;
      this.imported = imported;
    }

    FuncType func() {
      expect("func(");
      List<FuncType.Param> params = new ArrayList<>();
      while (!peek(")")) {
        String name = name();
        expect(":");
        params.add(new FuncType.Param(name, type()));
        if (!peek(")")) {
          expect(",");
        }
      }
      expect(")");
      Optional<ValueType> result = Optional.empty();
      if (peek("->")) {
        expect("->");
        result = Optional.of(type());
      }
      return new FuncType(params, result);
    }

    void end() {
      skipSpace();
      if (at != text.length()) {
        throw new IllegalStateException("signature has trailing text: " + text);
      }
    }

    private ValueType type() {
      String name = name();
      return switch (name) {
        case "list" -> new ListType(single());
        case "option" -> new OptionType(single());
        case "borrow" -> {
          expect("<");
          ResourceType r = resource(name());
          expect(">");
          yield new BorrowType(r);
        }
        case "tuple" -> {
          expect("<");
          List<ValueType> elements = new ArrayList<>();
          do {
            elements.add(type());
          } while (comma());
          expect(">");
          yield new TupleType(elements);
        }
        case "result" -> result();
        case "variant" -> variant();
        case "record" -> record();
        default -> named(name);
      };
    }

    private ValueType single() {
      expect("<");
      ValueType t = type();
      expect(">");
      return t;
    }

    private ResultType result() {
      if (!peek("<")) {
        return new ResultType(Optional.empty(), Optional.empty());
      }
      expect("<");
      Optional<ValueType> ok;
      if (peek("_")) {
        expect("_");
        ok = Optional.empty();
      } else {
        ok = Optional.of(type());
      }
      Optional<ValueType> err = comma() ? Optional.of(type()) : Optional.empty();
      expect(">");
      return new ResultType(ok, err);
    }

    private VariantType variant() {
      expect("{");
      List<VariantType.Case> cases = new ArrayList<>();
      do {
        String name = name();
        Optional<ValueType> payload = Optional.empty();
        if (peek("(")) {
          expect("(");
          payload = Optional.of(type());
          expect(")");
        }
        cases.add(new VariantType.Case(name, payload));
      } while (comma());
      expect("}");
      return new VariantType(cases);
    }

    private RecordType record() {
      expect("{");
      List<RecordType.Field> fields = new ArrayList<>();
      do {
        String name = name();
        expect(":");
        fields.add(new RecordType.Field(name, type()));
      } while (comma());
      expect("}");
      return new RecordType(fields);
    }

    private ValueType named(String name) {
      for (PrimitiveType p : PrimitiveType.values()) {
        if (p.witName().equals(name)) {
          return p;
        }
      }
      String definition = TYPES.get(name);
      if (definition != null) {
        Parser nested = new Parser(definition, imported);
        ValueType t = nested.type();
        nested.end();
        return t;
      }
      return new OwnType(resource(name));
    }

    private ResourceType resource(String name) {
      String exported = RESOURCE_ALIASES.getOrDefault(name, name);
      return imported
          .exportNamed(exported)
          .map(e -> e.type() instanceof ExternType.Type(ResourceType r) ? r : null)
          .orElseGet(() -> ResourceType.fresh(exported));
    }

    private boolean comma() {
      if (peek(",")) {
        expect(",");
        return true;
      }
      return false;
    }

    private String name() {
      skipSpace();
      int start = at;
      while (at < text.length()
          && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-')) {
        at++;
      }
      if (start == at) {
        throw new IllegalStateException("expected a name at " + at + " in " + text);
      }
      return text.substring(start, at);
    }

    private boolean peek(String s) {
      skipSpace();
      return text.startsWith(s, at);
    }

    private void expect(String s) {
      if (!peek(s)) {
        throw new IllegalStateException("expected \"" + s + "\" at " + at + " in " + text);
      }
      at += s.length();
    }

    private void skipSpace() {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
    }
  }
}
