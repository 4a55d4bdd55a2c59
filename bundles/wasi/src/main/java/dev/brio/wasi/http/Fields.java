package dev.brio.wasi.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The host side of a {@code fields} resource (headers or trailers): an ordered multimap from
 * lower-cased field name to raw values. Fields handed out as a request's or response's headers are
 * immutable; every change to them is refused with {@code immutable}.
 */
final class Fields {
  /**
   * Names the host owns: hop-by-hop fields (connection management between the host and the server,
   * RFC 9110 7.6.1) and the target host, which comes from the request's authority. A guest may not
   * set them, and they are left out of received fields.
   */
  static final Set<String> FORBIDDEN =
      Set.of(
          "connection",
          "host",
          "http2-settings",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "transfer-encoding",
          "upgrade");

  /** Fields a guest may set but the HTTP client derives from the body it sends. */
  static final Set<String> FRAMING = Set.of("content-length", "expect");

  private final List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
  private final boolean immutable;

  Fields(boolean immutable) {
    this.immutable = immutable;
  }

  /** Validated fields from a guest's list; {@code from-list}. */
  static Fields fromList(List<Map.Entry<String, byte[]>> list, boolean immutable)
      throws HeaderError.Refused {
    Fields f = new Fields(false);
    for (Map.Entry<String, byte[]> e : list) {
      f.append(e.getKey(), e.getValue());
    }
    return f.copy(immutable);
  }

  /** Fields the host received (a response's headers) without the hop-by-hop ones, immutable. */
  static Fields received(Map<String, List<String>> headers) {
    Fields f = new Fields(true);
    headers.forEach(
        (name, values) -> {
          if (name.startsWith(":") || FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            return;
          }
          for (String v : values) {
            f.entries.add(
                Map.entry(name.toLowerCase(Locale.ROOT), v.getBytes(StandardCharsets.ISO_8859_1)));
          }
        });
    return f;
  }

  boolean immutable() {
    return immutable;
  }

  /** A copy, mutable or not. */
  synchronized Fields copy(boolean immutable) {
    Fields f = new Fields(immutable);
    f.entries.addAll(entries);
    return f;
  }

  synchronized List<byte[]> get(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    List<byte[]> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries) {
      if (e.getKey().equals(key)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  synchronized boolean has(String name) {
    return !get(name).isEmpty();
  }

  synchronized void set(String name, List<byte[]> values) throws HeaderError.Refused {
    String key = checkedName(name);
    for (byte[] v : values) {
      checkValue(name, v);
    }
    entries.removeIf(e -> e.getKey().equals(key));
    for (byte[] v : values) {
      entries.add(Map.entry(key, v.clone()));
    }
  }

  synchronized void delete(String name) throws HeaderError.Refused {
    String key = checkedName(name);
    entries.removeIf(e -> e.getKey().equals(key));
  }

  synchronized void append(String name, byte[] value) throws HeaderError.Refused {
    String key = checkedName(name);
    checkValue(name, value);
    entries.add(Map.entry(key, value.clone()));
  }

  synchronized List<Map.Entry<String, byte[]>> entries() {
    return List.copyOf(entries);
  }

  private String checkedName(String name) throws HeaderError.Refused {
    if (immutable) {
      throw new HeaderError.Refused(HeaderError.IMMUTABLE, "these fields are immutable");
    }
    if (!isToken(name)) {
      throw new HeaderError.Refused(
          HeaderError.INVALID_SYNTAX, "field name \"" + name + "\" is not an HTTP token");
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (FORBIDDEN.contains(key)) {
      throw new HeaderError.Refused(HeaderError.FORBIDDEN, "field " + key + " is set by the host");
    }
    return key;
  }

  /**
   * RFC 9110 field values: visible ASCII, space, horizontal tab and obs-text (bytes 0x80 and up);
   * no other control byte and no DEL. CR, LF and NUL could split or end a header; the others are
   * refused here, where the guest can be told, rather than by the HTTP client when sending.
   */
  private static void checkValue(String name, byte[] value) throws HeaderError.Refused {
    for (int i = 0; i < value.length; i++) {
      int b = value[i] & 0xff;
      if ((b < 0x20 && b != '\t') || b == 0x7f) {
        throw new HeaderError.Refused(
            HeaderError.INVALID_SYNTAX,
            String.format(
                "value of field %s holds the control byte 0x%02x at index %d", name, b, i));
      }
    }
  }

  /** RFC 9110 token: one or more tchar. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
