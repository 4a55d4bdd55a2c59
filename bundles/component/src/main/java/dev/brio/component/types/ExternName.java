package dev.brio.component.types;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of a component import or export ({@code externname} in Explainer.md): a plain label, a
 * {@code [constructor]}, {@code [method]} or {@code [static]} name of a resource's function, or an
 * interface name {@code ns:pkg/iface@version}.
 */
public sealed interface ExternName {

  /** The name exactly as written. */
  String text();

  /** A plain kebab-case label such as {@code upper} or {@code log-level}. */
  record Plain(String label) implements ExternName {
    @Override
    public String text() {
      return label;
    }
  }

  /** {@code [constructor]R}. */
  record Constructor(String resource) implements ExternName {
    @Override
    public String text() {
      return "[constructor]" + resource;
    }
  }

  /** {@code [method]R.name}. */
  record Method(String resource, String name) implements ExternName {
    @Override
    public String text() {
      return "[method]" + resource + "." + name;
    }
  }

  /** {@code [static]R.name}. */
  record Static(String resource, String name) implements ExternName {
    @Override
    public String text() {
      return "[static]" + resource + "." + name;
    }
  }

  /** {@code namespace:package/interface@version}, the version optional. */
  record Interface(String namespace, String pkg, String iface, Optional<SemVer> version)
      implements ExternName {
    public Interface {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(pkg, "pkg");
      Objects.requireNonNull(iface, "iface");
      Objects.requireNonNull(version, "version");
    }

    @Override
    public String text() {
      return unversioned() + version.map(v -> "@" + v).orElse("");
    }

    /** {@code namespace:package/interface}, without the version. */
    public String unversioned() {
      return namespace + ":" + pkg + "/" + iface;
    }

    /** {@code namespace:package@version}, the package id as WIT writes it. */
    public String packageId() {
      return namespace + ":" + pkg + version.map(v -> "@" + v).orElse("");
    }
  }

  /**
   * The key under which two names collide when they are not strongly-unique (Explainer.md, "Name
   * Uniqueness"): acronyms lowercased, {@code [method]l.l}/{@code [static]l.l} reduced to {@code
   * l}, other annotations other than {@code [constructor]} stripped.
   */
  default String uniquenessKey() {
    return switch (this) {
      case Plain p -> p.label().toLowerCase(Locale.ROOT);
      case Constructor c -> "[constructor]" + c.resource().toLowerCase(Locale.ROOT);
      case Method m -> memberKey(m.resource(), m.name());
      case Static s -> memberKey(s.resource(), s.name());
      case Interface i -> i.text().toLowerCase(Locale.ROOT);
    };
  }

  private static String memberKey(String resource, String name) {
    String r = resource.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    return r.equals(n) ? r : r + "." + n;
  }

  /** Parses a name; a name outside the grammar is an {@link IllegalArgumentException}. */
  static ExternName parse(String text) {
    if (text.startsWith("[constructor]")) {
      String r = text.substring("[constructor]".length());
      Names.checkLabel(text, r);
      return new Constructor(r);
    }
    if (text.startsWith("[method]") || text.startsWith("[static]")) {
      String rest = text.substring(8);
      int dot = rest.indexOf('.');
      if (dot < 0) {
        throw new IllegalArgumentException("name '" + text + "': expected 'resource.function'");
      }
      String r = rest.substring(0, dot);
      String f = rest.substring(dot + 1);
      Names.checkLabel(text, r);
      Names.checkLabel(text, f);
      return text.startsWith("[method]") ? new Method(r, f) : new Static(r, f);
    }
    if (text.startsWith("[")) {
      throw new IllegalArgumentException("name '" + text + "': unknown annotation");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      Names.checkLabel(text, text);
      return new Plain(text);
    }
    int slash = text.indexOf('/');
    if (slash < colon) {
      throw new IllegalArgumentException("name '" + text + "': expected 'namespace:package/name'");
    }
    int at = text.indexOf('@');
    if (at >= 0 && at < slash) {
      throw new IllegalArgumentException("name '" + text + "': a version comes last, after '@'");
    }
    String ns = text.substring(0, colon);
    String pkg = text.substring(colon + 1, slash);
    String iface = text.substring(slash + 1, at < 0 ? text.length() : at);
    Names.checkWords(text, ns);
    Names.checkWords(text, pkg);
    if (iface.contains("/") || pkg.contains(":")) {
      throw new IllegalArgumentException(
          "name '" + text + "': nested namespaces and packages (🪺) are not supported");
    }
    Names.checkLabel(text, iface);
    Optional<SemVer> version = Optional.empty();
    if (at >= 0) {
      try {
        version = Optional.of(SemVer.parse(text.substring(at + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("name '" + text + "': " + e.getMessage(), e);
      }
    }
    return new Interface(ns, pkg, iface, version);
  }
}
