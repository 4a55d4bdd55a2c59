package dev.brio.wasi;

import dev.brio.component.link.Linker;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.StringValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:logging/logging@0.1.0-draft}: {@code log(level, context, message)} goes to the SLF4J
 * logger named after the component, as {@code "context: message"} ({@code "message"} when the
 * context is empty); {@code critical} is logged as an error.
 */
public final class WasiLogging {
  /** The only version of wasi:logging there is. */
  public static final String VERSION = "0.1.0-draft";

  static final EnumType LEVEL =
      new EnumType(List.of("trace", "debug", "info", "warn", "error", "critical"));
  static final FuncType LOG =
      new FuncType(
          List.of(
              new FuncType.Param("level", LEVEL),
              new FuncType.Param("context", PrimitiveType.STRING),
              new FuncType.Param("message", PrimitiveType.STRING)),
          Optional.empty());

  private final Logger logger;

  /** Logs to the SLF4J logger {@code componentName}. */
  public WasiLogging(String componentName) {
    this.logger = LoggerFactory.getLogger(Objects.requireNonNull(componentName, "componentName"));
  }

  /** Defines {@code wasi:logging/logging@version}. */
  public void define(Linker linker, String version) {
    linker.define(
        "wasi:logging/logging@" + version,
        "log",
        LOG,
        args -> {
          String level = ((EnumValue) args.get(0)).caseName();
          String context = ((StringValue) args.get(1)).value();
          String message = ((StringValue) args.get(2)).value();
          log(level, context.isEmpty() ? message : context + ": " + message);
          return Optional.empty();
        });
  }

  private void log(String level, String text) {
    switch (level) {
      case "trace" -> logger.trace("{}", text);
      case "debug" -> logger.debug("{}", text);
      case "info" -> logger.info("{}", text);
      case "warn" -> logger.warn("{}", text);
      default -> logger.error("{}", text);
    }
  }
}
