package dev.brio.wasi.http;

import dev.brio.component.link.ContextualHostFunction;
import dev.brio.component.link.HostResource;
import dev.brio.component.link.Linker;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.NamedExtern;
import dev.brio.wasi.io.IoHost;
import dev.brio.wasi.io.ResourceTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * {@code wasi:http/types} and {@code wasi:http/outgoing-handler} (any 0.2.x) on a {@link Linker}.
 * The functions Brio implements are defined with the types of the specification ({@link
 * HttpSignatures}), so a component importing one with another type is refused when it is
 * instantiated; the functions of the server side ({@code incoming-request}, {@code
 * response-outparam}, {@code outgoing-response}) are defined with the component's own types and
 * trap with a message naming them, as does any function this host does not know.
 *
 * <p>{@link #close} abandons the exchanges still waiting for their responses; the objects behind
 * the guest's handles (bodies, responses, futures) are released with the resource tables.
 */
public final class WasiHttp implements AutoCloseable {
  /** Every resource of {@code wasi:http/types}. */
  static final List<String> RESOURCES =
      List.of(
          "fields",
          "incoming-request",
          "outgoing-request",
          "request-options",
          "response-outparam",
          "incoming-response",
          "incoming-body",
          "future-trailers",
          "outgoing-response",
          "outgoing-body",
          "future-incoming-response");

  private final HttpGrant grant;
  private final HttpSender sender = new HttpSender();

  /** The resources defined per wasi:io host (one per linker) and http version. */
  private final Map<IoHost, Map<String, Map<String, HostResource>>> resources = new WeakHashMap<>();

  /**
   * @param allowedHosts the hosts outgoing requests may go to (any port); every other is denied
   */
  public WasiHttp(List<String> allowedHosts) {
    this.grant = HttpGrant.of(allowedHosts);
  }

  /** Abandons every exchange still waiting for its response; later requests fail. Idempotent. */
  @Override
  public void close() {
    sender.close();
  }

  /** Defines {@code wasi:http/types@version} as {@code imported} declares it. */
  public void defineTypes(Linker linker, String version, InstanceType imported, IoHost io) {
    Map<String, HostResource> r = resources(linker, version, Objects.requireNonNull(io, "io"));
    defineAll(
        linker,
        typesInterface(version),
        imported,
        new HttpTypes(io, r).functions(),
        HttpSignatures.TYPES_FUNCTIONS);
  }

  /** Defines {@code wasi:http/outgoing-handler@version} as {@code imported} declares it. */
  public void defineOutgoingHandler(
      Linker linker, String version, InstanceType imported, IoHost io) {
    Map<String, HostResource> r = resources(linker, version, Objects.requireNonNull(io, "io"));
    defineAll(
        linker,
        "wasi:http/outgoing-handler@" + version,
        imported,
        Map.of("handle", new OutgoingHandler(io, r, grant, sender)),
        HttpSignatures.OUTGOING_HANDLER_FUNCTIONS);
  }

  private static String typesInterface(String version) {
    return "wasi:http/types@" + version;
  }

  /**
   * Defines every function {@code imported} declares: those Brio implements with the type the
   * specification gives them (so the linker refuses a component that imports one with another
   * type), the others with the component's type, trapping when called.
   */
  private static void defineAll(
      Linker linker,
      String iface,
      InstanceType imported,
      Map<String, ContextualHostFunction> functions,
      Map<String, String> signatures) {
    for (NamedExtern e : imported.exportList()) {
      if (e.type() instanceof ExternType.Func(FuncType ft)) {
        String name = e.name().text();
        ContextualHostFunction fn = functions.get(name);
        String signature = signatures.get(name);
        if (fn != null && signature != null) {
          linker.define(iface, name, HttpSignatures.funcType(signature, imported), fn);
        } else {
          linker.define(iface, name, ft, notImplemented(iface + "#" + name));
        }
      }
    }
  }

  private static ContextualHostFunction notImplemented(String name) {
    return (cx, args) -> {
      throw new UnsupportedOperationException(
          name + ": Brio's wasi:http host implements the client side only");
    };
  }

  /**
   * The resources for {@code io}'s linker at {@code version}, defined on first use: both {@code
   * types} and {@code outgoing-handler} need them, in whichever order they are defined.
   */
  private Map<String, HostResource> resources(Linker linker, String version, IoHost io) {
    synchronized (resources) {
      return resources
          .computeIfAbsent(io, k -> new HashMap<>())
          .computeIfAbsent(version, v -> defineResources(linker, v, io.table()));
    }
  }

  private static Map<String, HostResource> defineResources(
      Linker linker, String version, ResourceTable table) {
    Map<String, HostResource> out = new HashMap<>();
    for (String name : RESOURCES) {
      out.put(
          name,
          linker.defineResource(
              typesInterface(version),
              name,
              rep -> {
                if (table.remove(rep) instanceof Dropped d) {
                  d.dropped();
                }
              }));
    }
    return Map.copyOf(out);
  }
}
