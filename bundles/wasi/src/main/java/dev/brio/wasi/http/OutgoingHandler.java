package dev.brio.wasi.http;

import dev.brio.component.link.ContextualHostFunction;
import dev.brio.component.link.HostContext;
import dev.brio.component.link.HostResource;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.Value;
import dev.brio.wasi.io.IoHost;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code outgoing-handler.handle}: checks the request against the grant before anything touches the
 * network, then starts the exchange and hands out its future.
 */
final class OutgoingHandler implements ContextualHostFunction {
  private static final Logger LOG = LoggerFactory.getLogger(OutgoingHandler.class);

  private final IoHost io;
  private final Map<String, HostResource> resources;
  private final HttpGrant grant;
  private final HttpSender sender;

  OutgoingHandler(
      IoHost io, Map<String, HostResource> resources, HttpGrant grant, HttpSender sender) {
    this.io = io;
    this.resources = resources;
    this.grant = grant;
    this.sender = sender;
  }

  @Override
  public Optional<Value> call(HostContext cx, List<Value> args) {
    int requestRep = cx.take(args.get(0));
    OutgoingRequest request = io.table().get(requestRep, OutgoingRequest.class);
    io.table().remove(requestRep);
    Optional<RequestOptions> options =
        ((OptionValue) args.get(1))
            .value()
            .map(
                h -> {
                  int rep = cx.take(h);
                  RequestOptions o = io.table().get(rep, RequestOptions.class);
                  io.table().remove(rep);
                  return o;
                });
    String authority = request.authority.orElse("");
    if (!grant.allows(authority)) {
      LOG.warn(
          "denied outgoing HTTP request to \"{}\": host not granted (allowed: {})",
          authority,
          grant.hosts());
      return refuse(request, "HTTP-request-denied");
    }
    String scheme = request.schemeName();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return refuse(request, "HTTP-request-URI-invalid");
    }
    URI uri;
    try {
      uri = new URI(scheme + "://" + authority + request.pathWithQuery.orElse("/"));
    } catch (URISyntaxException e) {
      return refuse(request, "HTTP-request-URI-invalid");
    }
    // the host java.net.http connects to must be the one granted (defence in depth: the grant
    // already refused anything that is not a plain host[:port])
    String granted = HttpGrant.host(authority).orElseThrow();
    String target = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|\\]$", "");
    if (!target.equalsIgnoreCase(granted)
        || uri.getRawPath() == null
        || !uri.getRawPath().startsWith("/")) {
      return refuse(request, "HTTP-request-URI-invalid");
    }
    FutureResponse future = new FutureResponse(sender.send(request, uri, options));
    return Optional.of(
        ResultValue.ok(cx.own(resources.get("future-incoming-response"), io.table().add(future))));
  }

  /**
   * Answers {@code err(code)}; the request is gone, so a body the guest may still be writing fails
   * (instead of filling up and waiting forever for a reader).
   */
  private static Optional<Value> refuse(OutgoingRequest request, String code) {
    request.body().ifPresent(b -> b.abort("the request was refused: " + code));
    return Optional.of(ResultValue.err(HttpErrors.code(code)));
  }
}
