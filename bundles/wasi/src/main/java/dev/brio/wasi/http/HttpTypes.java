package dev.brio.wasi.http;

import dev.brio.component.link.ContextualHostFunction;
import dev.brio.component.link.HostContext;
import dev.brio.component.link.HostResource;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U16Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import dev.brio.wasi.io.ByteLists;
import dev.brio.wasi.io.IoHost;
import dev.brio.wasi.io.Pollable;
import dev.brio.wasi.io.StreamException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The functions of {@code wasi:http/types} (client side), by their import names. */
final class HttpTypes {
  private final IoHost io;
  private final Map<String, HostResource> resources;
  private final Map<String, ContextualHostFunction> functions = new HashMap<>();

  HttpTypes(IoHost io, Map<String, HostResource> resources) {
    this.io = io;
    this.resources = resources;
  }

  Map<String, ContextualHostFunction> functions() {
    fields();
    outgoingRequest();
    requestOptions();
    outgoingBody();
    futureIncomingResponse();
    incomingResponse();
    incomingBody();
    futureTrailers();
    functions.put("http-error-code", (cx, a) -> Optional.of(httpErrorCode(cx, a.get(0))));
    return Map.copyOf(functions);
  }

  // ---- helpers

  private <T> T self(HostContext cx, Value handle, Class<T> type) {
    return io.table().get(cx.rep(handle), type);
  }

  /** The object behind an {@code own} argument: the guest gave it up, so it leaves the table. */
  private <T> T taken(HostContext cx, Value handle, Class<T> type) {
    int rep = cx.take(handle);
    T t = io.table().get(rep, type);
    io.table().remove(rep);
    return t;
  }

  private Value own(HostContext cx, String resource, Object host) {
    return cx.own(resources.get(resource), io.table().add(host));
  }

  private static Optional<Value> some(Value v) {
    return Optional.of(v);
  }

  private static final Optional<Value> OK = Optional.of(new ResultValue(true, Optional.empty()));
  private static final Optional<Value> ERR = Optional.of(new ResultValue(false, Optional.empty()));

  static String string(Value v) {
    return ((StringValue) v).value();
  }

  static Optional<String> optionalString(Value v) {
    return ((OptionValue) v).value().map(HttpTypes::string);
  }

  private static Optional<Value> headerResult(FieldsCall call) {
    try {
      call.run();
      return OK;
    } catch (HeaderError.Refused e) {
      return some(ResultValue.err(new VariantValue(e.error().caseName(), Optional.empty())));
    }
  }

  @FunctionalInterface
  private interface FieldsCall {
    void run() throws HeaderError.Refused;
  }

  private static ListValue entryList(List<Map.Entry<String, byte[]>> entries) {
    List<Value> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries) {
      out.add(new TupleValue(List.of(new StringValue(e.getKey()), ByteLists.toList(e.getValue()))));
    }
    return new ListValue(out);
  }

  // ---- fields

  private void fields() {
    functions.put("[constructor]fields", (cx, a) -> some(own(cx, "fields", new Fields(false))));
    functions.put(
        "[static]fields.from-list",
        (cx, a) -> {
          List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
          for (Value t : ((ListValue) a.get(0)).elements()) {
            List<Value> pair = ((TupleValue) t).elements();
            entries.add(Map.entry(string(pair.get(0)), ByteLists.toBytes(pair.get(1))));
          }
          try {
            return some(ResultValue.ok(own(cx, "fields", Fields.fromList(entries, false))));
          } catch (HeaderError.Refused e) {
            return some(ResultValue.err(new VariantValue(e.error().caseName(), Optional.empty())));
          }
        });
    functions.put(
        "[method]fields.get",
        (cx, a) ->
            some(
                new ListValue(
                    self(cx, a.get(0), Fields.class).get(string(a.get(1))).stream()
                        .<Value>map(ByteLists::toList)
                        .toList())));
    functions.put(
        "[method]fields.has",
        (cx, a) -> some(new BoolValue(self(cx, a.get(0), Fields.class).has(string(a.get(1))))));
    functions.put(
        "[method]fields.set",
        (cx, a) -> {
          Fields f = self(cx, a.get(0), Fields.class);
          List<byte[]> values =
              ((ListValue) a.get(2)).elements().stream().map(ByteLists::toBytes).toList();
          return headerResult(() -> f.set(string(a.get(1)), values));
        });
    functions.put(
        "[method]fields.delete",
        (cx, a) -> {
          Fields f = self(cx, a.get(0), Fields.class);
          return headerResult(() -> f.delete(string(a.get(1))));
        });
    functions.put(
        "[method]fields.append",
        (cx, a) -> {
          Fields f = self(cx, a.get(0), Fields.class);
          return headerResult(() -> f.append(string(a.get(1)), ByteLists.toBytes(a.get(2))));
        });
    functions.put(
        "[method]fields.entries",
        (cx, a) -> some(entryList(self(cx, a.get(0), Fields.class).entries())));
    functions.put(
        "[method]fields.clone",
        (cx, a) -> some(own(cx, "fields", self(cx, a.get(0), Fields.class).copy(false))));
  }

  // ---- outgoing-request

  private void outgoingRequest() {
    functions.put(
        "[constructor]outgoing-request",
        (cx, a) ->
            some(
                own(
                    cx,
                    "outgoing-request",
                    new OutgoingRequest(taken(cx, a.get(0), Fields.class).copy(true)))));
    functions.put(
        "[method]outgoing-request.body",
        (cx, a) ->
            some(
                self(cx, a.get(0), OutgoingRequest.class)
                    .takeBody()
                    .map(b -> ResultValue.ok(own(cx, "outgoing-body", b)))
                    .orElse(new ResultValue(false, Optional.empty()))));
    accessor("method", r -> r.method, (r, v) -> r.method = checkedMethod(v));
    accessor(
        "path-with-query",
        r -> new OptionValue(r.pathWithQuery.map(StringValue::new)),
        (r, v) -> r.pathWithQuery = checked(optionalString(v), HttpTypes::isPathWithQuery));
    accessor(
        "scheme", r -> new OptionValue(r.scheme), (r, v) -> r.scheme = ((OptionValue) v).value());
    accessor(
        "authority",
        r -> new OptionValue(r.authority.map(StringValue::new)),
        (r, v) -> r.authority = checked(optionalString(v), a -> HttpGrant.host(a).isPresent()));
    functions.put(
        "[method]outgoing-request.headers",
        (cx, a) -> some(own(cx, "fields", self(cx, a.get(0), OutgoingRequest.class).headers)));
  }

  /** A getter and a setter ({@code set-<name>}, answering {@code result}) of outgoing-request. */
  private void accessor(
      String name, Function<OutgoingRequest, Value> get, BiConsumer<OutgoingRequest, Value> set) {
    functions.put(
        "[method]outgoing-request." + name,
        (cx, a) -> some(get.apply(self(cx, a.get(0), OutgoingRequest.class))));
    functions.put(
        "[method]outgoing-request.set-" + name,
        (cx, a) -> {
          try {
            set.accept(self(cx, a.get(0), OutgoingRequest.class), a.get(1));
            return OK;
          } catch (IllegalArgumentException e) {
            return ERR;
          }
        });
  }

  /** {@code value} if absent or {@code valid}; the setter answers {@code err} otherwise. */
  private static Optional<String> checked(Optional<String> value, Predicate<String> valid) {
    if (value.isPresent() && !valid.test(value.get())) {
      throw new IllegalArgumentException("not valid: " + value.get());
    }
    return value;
  }

  /** An origin-form target: starts with {@code /}, no whitespace, controls or fragment. */
  static boolean isPathWithQuery(String s) {
    if (!s.startsWith("/")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '#') {
        return false;
      }
    }
    return true;
  }

  /** A method; {@code other(name)} must be an HTTP token. */
  private static Value checkedMethod(Value v) {
    VariantValue m = (VariantValue) v;
    if (m.caseName().equals("other") && !Fields.isToken(string(m.payload().orElseThrow()))) {
      throw new IllegalArgumentException("not an HTTP method");
    }
    return m;
  }

  // ---- request-options

  private void requestOptions() {
    functions.put(
        "[constructor]request-options",
        (cx, a) -> some(own(cx, "request-options", new RequestOptions())));
    option("connect-timeout", o -> o.connectTimeout, (o, d) -> o.connectTimeout = d);
    option("first-byte-timeout", o -> o.firstByteTimeout, (o, d) -> o.firstByteTimeout = d);
    option(
        "between-bytes-timeout", o -> o.betweenBytesTimeout, (o, d) -> o.betweenBytesTimeout = d);
  }

  private void option(
      String name,
      Function<RequestOptions, Optional<Long>> get,
      BiConsumer<RequestOptions, Optional<Long>> set) {
    functions.put(
        "[method]request-options." + name,
        (cx, a) ->
            some(
                new OptionValue(
                    get.apply(self(cx, a.get(0), RequestOptions.class)).map(U64Value::new))));
    functions.put(
        "[method]request-options.set-" + name,
        (cx, a) -> {
          set.accept(
              self(cx, a.get(0), RequestOptions.class),
              ((OptionValue) a.get(1)).value().map(v -> ((U64Value) v).bits()));
          return OK;
        });
  }

  // ---- outgoing-body

  private void outgoingBody() {
    functions.put(
        "[method]outgoing-body.write",
        (cx, a) ->
            some(
                self(cx, a.get(0), OutgoingBody.class)
                    .takeStream()
                    .map(s -> ResultValue.ok(io.ownOutputStream(cx, s)))
                    .orElse(new ResultValue(false, Optional.empty()))));
    functions.put(
        "[static]outgoing-body.finish",
        (cx, a) -> {
          OutgoingBody body = taken(cx, a.get(0), OutgoingBody.class);
          Optional<Value> trailers = ((OptionValue) a.get(1)).value();
          if (trailers.isPresent()) {
            taken(cx, trailers.get(), Fields.class);
            // java.net.http cannot send trailers: the request fails rather than go without them
            body.abort("Brio does not send request trailers");
            return some(
                ResultValue.err(HttpErrors.internal("Brio does not send request trailers")));
          }
          return body.finish()
              .map(written -> some(ResultValue.err(HttpErrors.requestBodySize(written))))
              .orElse(OK);
        });
  }

  // ---- future-incoming-response

  private void futureIncomingResponse() {
    functions.put(
        "[method]future-incoming-response.subscribe",
        (cx, a) -> some(io.ownPollable(cx, self(cx, a.get(0), FutureResponse.class))));
    functions.put(
        "[method]future-incoming-response.get",
        (cx, a) ->
            some(
                switch (self(cx, a.get(0), FutureResponse.class).take()) {
                  case FutureResponse.Outcome.Pending p -> OptionValue.none();
                  case FutureResponse.Outcome.AlreadyTaken t ->
                      OptionValue.some(new ResultValue(false, Optional.empty()));
                  case FutureResponse.Outcome.Response(IncomingResponse r) ->
                      OptionValue.some(
                          ResultValue.ok(ResultValue.ok(own(cx, "incoming-response", r))));
                  case FutureResponse.Outcome.Failed(Throwable e) ->
                      OptionValue.some(ResultValue.ok(ResultValue.err(HttpErrors.of(e))));
                }));
  }

  // ---- incoming-response, incoming-body, future-trailers

  private void incomingResponse() {
    functions.put(
        "[method]incoming-response.status",
        (cx, a) -> some(new U16Value(self(cx, a.get(0), IncomingResponse.class).status)));
    functions.put(
        "[method]incoming-response.headers",
        (cx, a) -> some(own(cx, "fields", self(cx, a.get(0), IncomingResponse.class).headers)));
    functions.put(
        "[method]incoming-response.consume",
        (cx, a) ->
            some(
                self(cx, a.get(0), IncomingResponse.class)
                    .consume()
                    .map(b -> ResultValue.ok(own(cx, "incoming-body", b)))
                    .orElse(new ResultValue(false, Optional.empty()))));
  }

  private void incomingBody() {
    functions.put(
        "[method]incoming-body.stream",
        (cx, a) ->
            some(
                self(cx, a.get(0), IncomingBody.class)
                    .takeStream()
                    .map(s -> ResultValue.ok(io.ownInputStream(cx, s)))
                    .orElse(new ResultValue(false, Optional.empty()))));
    functions.put(
        "[static]incoming-body.finish",
        (cx, a) -> {
          taken(cx, a.get(0), IncomingBody.class).dropped();
          return some(own(cx, "future-trailers", new NoTrailers()));
        });
  }

  /** Trailers of a response: java.net.http does not expose them, so there are none. */
  private record NoTrailers() {}

  private void futureTrailers() {
    functions.put(
        "[method]future-trailers.subscribe",
        (cx, a) -> {
          self(cx, a.get(0), NoTrailers.class);
          return some(io.ownPollable(cx, Pollable.alwaysReady()));
        });
    functions.put(
        "[method]future-trailers.get",
        (cx, a) -> {
          self(cx, a.get(0), NoTrailers.class);
          return some(OptionValue.some(ResultValue.ok(ResultValue.ok(OptionValue.none()))));
        });
  }

  /** {@code http-error-code}: the error-code behind a stream error, if it came from HTTP. */
  private Value httpErrorCode(HostContext cx, Value error) {
    StreamException e = io.error(cx, error);
    return e.getCause() instanceof IOException cause
        ? OptionValue.some(HttpErrors.of(cause))
        : OptionValue.none();
  }
}
