package dev.brio.wasi.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts outgoing requests may go to. A request's authority ({@code host[:port]}, an IPv6 host
 * in brackets) is allowed when its host, compared without case, is one of them; any port.
 */
record HttpGrant(Set<String> hosts) {
  static HttpGrant of(List<String> hosts) {
    return new HttpGrant(
        hosts.stream()
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet()));
  }

  boolean allows(String authority) {
    return host(authority).map(hosts::contains).orElse(false);
  }

  /**
   * The host of an authority; empty if it has user info or is not well formed. Host names are
   * restricted to letters, digits and {@code . _ ~ -} (no percent-encoding), so what is checked is
   * what java.net.http connects to, and what the log shows.
   */
  static Optional<String> host(String authority) {
    if (authority.isEmpty() || authority.indexOf('@') >= 0) {
      return Optional.empty();
    }
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !isPort(rest)) {
        return Optional.empty();
      }
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      if (colon >= 0 && !isPort(authority.substring(colon))) {
        return Optional.empty();
      }
    }
    boolean ipv6 = authority.startsWith("[");
    return host.matches(ipv6 ? "[0-9A-Fa-f:.]+" : "[A-Za-z0-9._~-]+")
        ? Optional.of(host.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  private static boolean isPort(String colonPort) {
    return colonPort.matches(":[0-9]{1,5}");
  }
}
