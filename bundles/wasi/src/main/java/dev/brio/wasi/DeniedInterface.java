package dev.brio.wasi;

import dev.brio.component.link.HostResource;
import dev.brio.component.link.Linker;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An interface the component imports but was not granted (wasi:filesystem without directories,
 * wasi:sockets): defined from the component's own import type so that it links, every function
 * answering as if access were denied. A function returning {@code result<_, error-code>} returns
 * {@code err(access)} / {@code err(access-denied)}, an {@code option} none, a {@code list} an empty
 * list (so {@code get-directories} lists no preopens), and a bare {@code own<R>} a fresh handle of
 * R (wasi:sockets's {@code instance-network}: wasi-libc asks for the network before every lookup
 * and expects a handle, which every other function then refuses); any other function fails the call
 * with an {@link UnsupportedOperationException} naming it.
 */
final class DeniedInterface {
  private DeniedInterface() {}

  /**
   * @param resources the denied resource types already defined for this component, by the
   *     component's type: an interface that re-exports another's resource ({@code (eq network)})
   *     names the same type object, and its handles must be of that one host resource
   */
  static void define(
      Linker linker, String iface, InstanceType type, Map<ResourceType, HostResource> resources) {
    for (NamedExtern e : type.exportList()) {
      if (e.type() instanceof ExternType.Type(ResourceType rt)
          && rt.isFresh()
          && !resources.containsKey(rt)) {
        resources.put(rt, linker.defineResource(iface, e.name().text(), rep -> {}));
      }
    }
    for (NamedExtern e : type.exportList()) {
      if (e.type() instanceof ExternType.Func(FuncType ft)) {
        String name = iface + "#" + e.name().text();
        if (ft.result().orElse(null) instanceof OwnType(ResourceType rt)
            && resources.get(rt) instanceof HostResource r) {
          linker.define(iface, e.name().text(), ft, (ctx, args) -> Optional.of(ctx.own(r, 0)));
          continue;
        }
        Optional<Value> answer = ft.result().flatMap(DeniedInterface::denial);
        linker.define(
            iface,
            e.name().text(),
            ft,
            args -> {
              if (ft.result().isPresent() && answer.isEmpty()) {
                throw new UnsupportedOperationException(name + ": not granted to this component");
              }
              return answer;
            });
      }
    }
  }

  private static Optional<Value> denial(ValueType result) {
    return switch (result) {
      case ResultType(var ok, Optional<ValueType> err)
          when err.isPresent() && err.get() instanceof EnumType codes ->
          accessCase(codes).map(c -> ResultValue.err(new EnumValue(c)));
      case OptionType o -> Optional.of(OptionValue.none());
      case ListType l -> Optional.of(new ListValue(List.of()));
      default -> Optional.empty();
    };
  }

  private static Optional<String> accessCase(EnumType codes) {
    for (String c : List.of("access-denied", "access", "not-permitted")) {
      if (codes.cases().contains(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
