package dev.brio.component.values;

import dev.brio.component.types.ExternName;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.Names;
import dev.brio.component.types.OptionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A function call written in WAVE (wasm-wave's "function calls" appendix): {@code name(arg, ...)}
 * for a function the component exports, or {@code interface#name(arg, ...)} for a function inside
 * an exported instance ({@code brio:core/tool#invoke("m", "{}")}). Trailing {@code option}
 * arguments may be left out and are {@code none}.
 *
 * @param instance the exported instance's name for {@code interface#name}, else empty
 * @param function the function's name
 * @param type the function's type, as the resolver gave it
 * @param args one value per parameter
 */
public record WaveCall(
    Optional<String> instance, String function, FuncType type, List<Value> args) {
  public WaveCall {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(type, "type");
    args = List.copyOf(args);
  }

  /** The name as written: {@code function} or {@code instance#function}. */
  public String target() {
    return instance.map(i -> i + "#" + function).orElse(function);
  }

  /**
   * Parses call text; {@code functions} maps a target ({@code name} or {@code instance#name}) to
   * the function's type, or empty if there is no such function.
   */
  public static WaveCall parse(String text, Function<String, Optional<FuncType>> functions)
      throws WaveException {
    var p = new WaveParser(text);
    p.skipSpace();
    int start = p.position();
    int open = text.indexOf('(', start);
    if (open < 0) {
      throw p.error(text.length(), "expected '(' after the function name");
    }
    String target = text.substring(start, open).strip();
    if (target.isEmpty()) {
      throw p.error(start, "expected a function name before '('");
    }
    int hash = target.indexOf('#');
    Optional<String> instance =
        hash < 0 ? Optional.empty() : Optional.of(target.substring(0, hash));
    String function = hash < 0 ? target : target.substring(hash + 1);
    if (!Names.isLabel(function)) {
      throw p.error(start + (hash < 0 ? 0 : hash + 1), "'" + function + "' is not a function name");
    }
    if (instance.isPresent()) {
      try {
        ExternName.parse(instance.get());
      } catch (IllegalArgumentException e) {
        throw p.error(start, "'" + instance.get() + "' is not an instance name: " + e.getMessage());
      }
    }
    FuncType type =
        functions
            .apply(target)
            .orElseThrow(() -> p.error(start, "no function named '" + target + "'"));
    var skipTo = new WaveParser(text);
    // continue from '(' with the same text so that columns stay right
    skipTo.skipTo(open);
    skipTo.expect('(', "");
    List<Value> args = new ArrayList<>();
    var params = type.params();
    while (!skipTo.peek(')')) {
      if (args.size() == params.size()) {
        throw skipTo.expected("')': " + target + " takes " + params.size() + " arguments");
      }
      args.add(skipTo.value(params.get(args.size()).type()));
      if (!skipTo.accept(',')) {
        break;
      }
    }
    skipTo.expect(')', "to end the arguments");
    int closeAt = skipTo.position();
    while (args.size() < params.size()) {
      var param = params.get(args.size());
      if (!(param.type() instanceof OptionType)) {
        throw skipTo.error(
            closeAt - 1,
            "missing argument '" + param.name() + "': " + target + " takes " + params.size());
      }
      args.add(OptionValue.none());
    }
    if (!skipTo.atEnd()) {
      throw skipTo.expected("the end of the call");
    }
    return new WaveCall(instance, function, type, args);
  }
}
