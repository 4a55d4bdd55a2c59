package dev.brio.component.values;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.Names;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WAVE text as a value of a known type (wasm-wave's syntax: whitespace and {@code //}
 * comments between tokens, trailing commas allowed, {@code %} to escape keyword labels, record
 * fields of option type omittable, options and results in flat form where unambiguous).
 */
final class WaveParser {
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final Pattern LABEL = Pattern.compile("%?[A-Za-z][A-Za-z0-9-]*");

  private final String text;
  private int pos;

  WaveParser(String text) {
    this.text = text;
  }

  // ---- positions and errors

  WaveException error(int at, String problem) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = text.codePointCount(lineStart, Math.min(at, text.length())) + 1;
    return new WaveException(line, column, problem);
  }

  private String found() {
    skipSpace();
    if (pos >= text.length()) {
      return "end of input";
    }
    Matcher m = LABEL.matcher(text).region(pos, text.length());
    if (m.lookingAt()) {
      return "'" + m.group() + "'";
    }
    Matcher n = NUMBER.matcher(text).region(pos, text.length());
    if (n.lookingAt()) {
      return "'" + n.group() + "'";
    }
    char c = text.charAt(pos);
    if (c == '"' || c == '\'') {
      int close = text.indexOf(c, pos + 1);
      if (close > 0 && close - pos < 40) {
        return "'" + text.substring(pos, close + 1) + "'";
      }
    }
    return "'" + new String(Character.toChars(text.codePointAt(pos))) + "'";
  }

  WaveException expected(String what) {
    String f = found();
    return error(pos, "expected " + what + ", found " + f);
  }

  int position() {
    return pos;
  }

  void skipTo(int at) {
    pos = at;
  }

  // ---- tokens

  void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '/' && text.startsWith("//", pos)) {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length() : nl + 1;
      } else {
        return;
      }
    }
  }

  boolean atEnd() {
    skipSpace();
    return pos >= text.length();
  }

  boolean peek(char c) {
    skipSpace();
    return pos < text.length() && text.charAt(pos) == c;
  }

  boolean accept(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(char c, String what) throws WaveException {
    if (!accept(c)) {
      throw expected("'" + c + "'" + (what.isEmpty() ? "" : " " + what));
    }
  }

  /** A label as written, with its {@code %} if any; null if none is next. */
  private String rawLabel() {
    skipSpace();
    Matcher m = LABEL.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      return null;
    }
    pos = m.end();
    return m.group();
  }

  private boolean peekKeyword(String keyword) {
    skipSpace();
    Matcher m = LABEL.matcher(text).region(pos, text.length());
    return m.lookingAt() && m.group().equals(keyword);
  }

  // ---- values

  Value value(ValueType type) throws WaveException {
    skipSpace();
    return switch (type) {
      case PrimitiveType p -> primitive(p);
      case ListType l -> {
        List<Value> elements = new ArrayList<>();
        sequence('[', ']', () -> elements.add(value(l.element())), "a list element");
        yield new ListValue(elements);
      }
      case TupleType t -> {
        int open = pos;
        List<Value> elements = new ArrayList<>();
        sequence(
            '(',
            ')',
            () -> {
              if (elements.size() == t.elements().size()) {
                throw expected("')' after " + t.elements().size() + " tuple elements");
              }
              elements.add(value(t.elements().get(elements.size())));
            },
            "a tuple element");
        if (elements.size() != t.elements().size()) {
          throw error(
              open,
              "expected a tuple of " + t.elements().size() + " elements, found " + elements.size());
        }
        yield new TupleValue(elements);
      }
      case RecordType r -> record(r);
      case VariantType v -> variant(v);
      case EnumType e -> {
        int at = pos;
        String name = label("an enum case of " + e.cases());
        if (!e.cases().contains(name)) {
          throw error(at, "expected an enum case of " + e.cases() + ", found '" + name + "'");
        }
        yield new EnumValue(name);
      }
      case OptionType o -> option(o);
      case ResultType r -> result(r);
      case FlagsType f -> flags(f);
      case OwnType o -> throw error(pos, "an own handle has no WAVE syntax");
      case BorrowType b -> throw error(pos, "a borrow handle has no WAVE syntax");
    };
  }

  @FunctionalInterface
  private interface Element {
    void read() throws WaveException;
  }

  /** {@code open (element (, element)* ,?)? close}. */
  private void sequence(char open, char close, Element element, String what) throws WaveException {
    expect(open, "");
    if (accept(close)) {
      return;
    }
    while (true) {
      element.read();
      if (accept(close)) {
        return;
      }
      if (!accept(',')) {
        throw expected("',' or '" + close + "'");
      }
      if (accept(close)) {
        return;
      }
    }
  }

  /** A label; a leading {@code %} is dropped (it only escapes keywords). */
  private String label(String what) throws WaveException {
    int at = pos;
    String raw = rawLabel();
    if (raw == null) {
      throw expected(what);
    }
    String name = raw.startsWith("%") ? raw.substring(1) : raw;
    if (!Names.isLabel(name)) {
      throw error(at, "'" + name + "' is not a kebab-case label");
    }
    return name;
  }

  private Value record(RecordType r) throws WaveException {
    int open = pos;
    Map<String, Value> given = new HashMap<>();
    expect('{', "to start a record");
    if (accept(':')) {
      expect('}', "after '{:'");
    } else if (!accept('}')) {
      while (true) {
        int at = pos;
        String name = label("a record field name");
        var field = r.fields().stream().filter(f -> f.name().equals(name)).findFirst();
        if (field.isEmpty()) {
          throw error(
              at,
              "expected a field of "
                  + r.fields().stream().map(RecordType.Field::name).toList()
                  + ", found '"
                  + name
                  + "'");
        }
        if (given.containsKey(name)) {
          throw error(at, "field '" + name + "' given twice");
        }
        expect(':', "after field name '" + name + "'");
        given.put(name, value(field.get().type()));
        if (accept('}')) {
          break;
        }
        if (!accept(',')) {
          throw expected("',' or '}'");
        }
        if (accept('}')) {
          break;
        }
      }
    }
    List<RecordValue.Field> fields = new ArrayList<>();
    for (RecordType.Field f : r.fields()) {
      Value v = given.get(f.name());
      if (v == null) {
        if (!(f.type() instanceof OptionType)) {
          throw error(open, "record field '" + f.name() + "' is missing");
        }
        v = OptionValue.none();
      }
      fields.add(new RecordValue.Field(f.name(), v));
    }
    return new RecordValue(fields);
  }

  private Value variant(VariantType v) throws WaveException {
    int at = pos;
    List<String> names = v.cases().stream().map(VariantType.Case::name).toList();
    String raw = rawLabel();
    if (raw == null) {
      throw expected("a variant case of " + names);
    }
    String name = raw.startsWith("%") ? raw.substring(1) : raw;
    int index = v.indexOf(name);
    if (index < 0 || (!raw.startsWith("%") && WavePrinter.KEYWORDS.contains(name))) {
      throw error(
          at,
          "expected a variant case of "
              + names
              + ", found '"
              + raw
              + "'"
              + (index >= 0 ? " (a keyword: write %" + name + ")" : ""));
    }
    Optional<ValueType> payload = v.cases().get(index).payload();
    if (payload.isEmpty()) {
      return new VariantValue(name, Optional.empty());
    }
    expect('(', "with the payload of case '" + name + "'");
    Value p = value(payload.get());
    expect(')', "after the payload of case '" + name + "'");
    return new VariantValue(name, Optional.of(p));
  }

  private static boolean flatAllowed(ValueType payload) {
    return !(payload instanceof OptionType) && !(payload instanceof ResultType);
  }

  private Value option(OptionType o) throws WaveException {
    if (peekKeyword("none")) {
      rawLabel();
      return OptionValue.none();
    }
    if (peekKeyword("some")) {
      rawLabel();
      expect('(', "after 'some'");
      Value v = value(o.payload());
      expect(')', "after the payload of 'some'");
      return OptionValue.some(v);
    }
    if (!flatAllowed(o.payload())) {
      throw expected("'some' or 'none'");
    }
    return OptionValue.some(value(o.payload()));
  }

  private Value result(ResultType r) throws WaveException {
    for (boolean ok : new boolean[] {true, false}) {
      String keyword = ok ? "ok" : "err";
      if (peekKeyword(keyword)) {
        rawLabel();
        Optional<ValueType> payload = ok ? r.ok() : r.error();
        if (payload.isEmpty()) {
          return new ResultValue(ok, Optional.empty());
        }
        expect('(', "with the payload of '" + keyword + "'");
        Value v = value(payload.get());
        expect(')', "after the payload of '" + keyword + "'");
        return new ResultValue(ok, Optional.of(v));
      }
    }
    if (r.ok().isEmpty() || !flatAllowed(r.ok().get())) {
      throw expected("'ok' or 'err'");
    }
    return ResultValue.ok(value(r.ok().get()));
  }

  private Value flags(FlagsType f) throws WaveException {
    Set<String> set = new HashSet<>();
    sequence(
        '{',
        '}',
        () -> {
          int at = pos;
          String name = label("a flag name");
          if (f.indexOf(name) < 0) {
            throw error(at, "expected a flag of " + f.names() + ", found '" + name + "'");
          }
          if (!set.add(name)) {
            throw error(at, "flag '" + name + "' given twice");
          }
        },
        "a flag");
    return new FlagsValue(f.names().stream().filter(set::contains).toList());
  }

  // ---- primitives

  private Value primitive(PrimitiveType p) throws WaveException {
    return switch (p) {
      case BOOL -> {
        if (peekKeyword("true") || peekKeyword("false")) {
          yield new BoolValue(rawLabel().equals("true"));
        }
        throw expected("a bool (true or false)");
      }
      case S8 -> new S8Value(integer(p, -128, 127).byteValue());
      case S16 -> new S16Value(integer(p, Short.MIN_VALUE, Short.MAX_VALUE).shortValue());
      case S32 -> new S32Value(integer(p, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue());
      case S64 -> new S64Value(integer(p, Long.MIN_VALUE, Long.MAX_VALUE).longValue());
      case U8 -> new U8Value(integer(p, 0, 0xff).intValue());
      case U16 -> new U16Value(integer(p, 0, 0xffff).intValue());
      case U32 -> new U32Value(integer(p, 0, 0xffff_ffffL).longValue());
      case U64 -> new U64Value(integer(p, BigInteger.ZERO, U64_MAX).longValue());
      case F32 -> {
        String token = floatToken(p);
        yield new F32Value(
            switch (token) {
              case "nan" -> Float.NaN;
              case "inf" -> Float.POSITIVE_INFINITY;
              case "-inf" -> Float.NEGATIVE_INFINITY;
              // parsed from the decimal text directly: no double rounding through a double
              default -> Float.parseFloat(token);
            });
      }
      case F64 -> {
        String token = floatToken(p);
        yield new F64Value(
            switch (token) {
              case "nan" -> Double.NaN;
              case "inf" -> Double.POSITIVE_INFINITY;
              case "-inf" -> Double.NEGATIVE_INFINITY;
              default -> Double.parseDouble(token);
            });
      }
      case CHAR -> {
        int at = pos;
        expect('\'', "to start a char");
        if (peekRaw('\'')) {
          throw error(at, "expected one character between quotes, found none");
        }
        int cp = character('\'');
        if (!peekRaw('\'')) {
          throw error(pos, "expected ''' to end the char, found more characters");
        }
        pos++;
        yield new CharValue(cp);
      }
      case STRING -> new StringValue(string());
    };
  }

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private BigInteger integer(PrimitiveType p, long min, long max) throws WaveException {
    return integer(p, BigInteger.valueOf(min), BigInteger.valueOf(max));
  }

  private BigInteger integer(PrimitiveType p, BigInteger min, BigInteger max) throws WaveException {
    skipSpace();
    int at = pos;
    Matcher m = NUMBER.matcher(text).region(pos, text.length());
    if (!m.lookingAt() || m.group(2) != null || m.group(3) != null) {
      throw expected("an integer (" + p.witName() + ")");
    }
    pos = m.end();
    BigInteger v = new BigInteger(m.group());
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw error(
          at,
          "expected a "
              + p.witName()
              + " ("
              + min
              + " to "
              + max
              + "), found "
              + m.group()
              + " (out of range)");
    }
    return v;
  }

  /** A float's text: {@code nan}, {@code inf}, {@code -inf} or a finite number in range. */
  private String floatToken(PrimitiveType p) throws WaveException {
    skipSpace();
    if (peekKeyword("nan") || peekKeyword("inf")) {
      return rawLabel();
    }
    if (text.startsWith("-inf", pos)) {
      int end = pos + 1 + rawLabelLength(pos + 1);
      if (end == pos + 4) {
        pos = end;
        return "-inf";
      }
    }
    int at = pos;
    Matcher m = NUMBER.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      throw expected("a number (" + p.witName() + "), nan, inf or -inf");
    }
    pos = m.end();
    double d = Double.parseDouble(m.group());
    boolean overflow =
        p == PrimitiveType.F32
            ? Float.isInfinite(Float.parseFloat(m.group()))
            : Double.isInfinite(d);
    if (overflow) {
      throw error(at, "expected a " + p.witName() + ", found " + m.group() + " (out of range)");
    }
    return m.group();
  }

  private int rawLabelLength(int from) {
    Matcher m = LABEL.matcher(text).region(from, text.length());
    return m.lookingAt() ? m.end() - from : 0;
  }

  private boolean peekRaw(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private String string() throws WaveException {
    skipSpace();
    int at = pos;
    if (!peekRaw('"')) {
      throw expected("a string");
    }
    if (text.startsWith("\"\"\"", pos)) {
      return multilineString();
    }
    pos++;
    var s = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error(at, "unterminated string: expected '\"' before the end of input");
      }
      if (peekRaw('"')) {
        pos++;
        return s.toString();
      }
      s.appendCodePoint(character('"'));
    }
  }

  /**
   * A multiline string: {@code """}, a line break, lines, a line break, spaces, {@code """}. The
   * spaces before the closing quotes are the indent every line loses; the first and last line
   * breaks are not part of the value, the others decode as {@code \n}.
   */
  private String multilineString() throws WaveException {
    int open = pos;
    pos += 3;
    if (text.startsWith("\r\n", pos)) {
      pos += 2;
    } else if (peekRaw('\n')) {
      pos++;
    } else {
      throw error(pos, "expected a line break after the opening \"\"\"");
    }
    int close = text.indexOf("\"\"\"", pos);
    if (close < 0) {
      throw error(open, "unterminated multiline string: expected a closing \"\"\"");
    }
    int lastBreak = text.lastIndexOf('\n', close);
    if (lastBreak < pos - 1) {
      throw error(close, "the closing \"\"\" must be on a line of its own");
    }
    for (int i = lastBreak + 1; i < close; i++) {
      if (text.charAt(i) != ' ') {
        throw error(i, "expected only spaces before the closing \"\"\"");
      }
    }
    int indent = close - lastBreak - 1;
    int end = lastBreak > 0 && text.charAt(lastBreak - 1) == '\r' ? lastBreak - 1 : lastBreak;
    var s = new StringBuilder();
    int lineStart = pos;
    while (lineStart <= end) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > end) {
        lineEnd = end;
      }
      int contentEnd =
          lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
      if (lineStart > pos) {
        s.append('\n');
      }
      if (contentEnd > lineStart) {
        for (int i = 0; i < indent; i++) {
          if (lineStart + i >= contentEnd || text.charAt(lineStart + i) != ' ') {
            throw error(
                lineStart + i, "expected " + indent + " spaces of indent in a multiline string");
          }
        }
        this.pos = lineStart + indent;
        while (this.pos < contentEnd) {
          s.appendCodePoint(character('"'));
        }
      }
      if (lineEnd >= end) {
        break;
      }
      lineStart = lineEnd + 1;
    }
    pos = close + 3;
    return s.toString();
  }

  /** One character of a char or string literal, escapes decoded; newlines must be escaped. */
  private int character(char quote) throws WaveException {
    if (pos >= text.length()) {
      throw error(pos, "unexpected end of input inside a " + (quote == '"' ? "string" : "char"));
    }
    int cp = text.codePointAt(pos);
    int at = pos;
    pos += Character.charCount(cp);
    if (cp == '\n') {
      throw error(at, "a newline must be escaped as \\n");
    }
    if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
      throw error(at, "unpaired surrogate in text");
    }
    if (cp != '\\') {
      return cp;
    }
    if (pos >= text.length()) {
      throw error(at, "unexpected end of input after '\\'");
    }
    char e = text.charAt(pos++);
    return switch (e) {
      case '\'' -> '\'';
      case '"' -> '"';
      case '\\' -> '\\';
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'u' -> {
        if (!peekRaw('{')) {
          throw error(pos, "expected '{' after \\u");
        }
        int close = text.indexOf('}', pos);
        String hex = close < 0 ? "" : text.substring(pos + 1, close);
        if (hex.isEmpty() || hex.length() > 6 || !hex.chars().allMatch(WaveParser::isHex)) {
          throw error(pos, "expected 1 to 6 hex digits and '}' in \\u{...}");
        }
        int v = Integer.parseInt(hex, 16);
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
          throw error(at, "\\u{" + hex + "} is not a Unicode scalar value");
        }
        pos = close + 1;
        yield v;
      }
      default ->
          throw error(
              at,
              "unknown escape '\\" + e + "': expected one of \\' \\\" \\\\ \\n \\t \\r \\u{...}");
    };
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
